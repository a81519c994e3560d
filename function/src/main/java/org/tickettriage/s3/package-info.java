/**
 * Reading from Amazon S3 with the AWS SDK: the client settings the function's S3 readers share, and a routing policy
 * stored in a bucket (the core's {@code PolicyStore} for {@code s3://}). Loaded only when S3 is used (the email
 * handler, an {@code s3://} {@code TRIAGE_ROUTING}).
 */
package org.tickettriage.s3;
