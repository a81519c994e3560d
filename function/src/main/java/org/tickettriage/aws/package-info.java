/**
 * The connectors' ports on AWS: secrets from Secrets Manager, deliveries in DynamoDB, write-backs and dead letters on
 * SQS, and the assembly of the two connector functions from them; loaded only by the connector handlers.
 */
package org.tickettriage.aws;
