// Lints a SAM / CloudFormation template against AWS's machine-readable resource specification.
//
// Usage: node web-tests/lint-template.mjs TEMPLATE.yaml
// Exit codes: 0 valid, 1 problems found (one per line on stderr), 2 cannot run.
//
// Why this and not cfn-lint: the Python cfn-lint cannot be installed from the package registries this
// project's machines reach, and the npm package named cfn-lint (martysweet) has not been updated since
// 2019: it rejects AWS::Serverless::HttpApi, SnapStart and LoggingConfig. The resource database of
// @aws-cdk/aws-service-spec (built by AWS from the CloudFormation registry schemas, the resource
// specification and the SAM specification, released several times a week) is the most current
// specification on npm, so this script checks the template against it: every resource type, property
// name, required property, value type and enumerated value, plus references between the sections.
//
// SAM functions pass most of their properties straight to AWS::Lambda::Function, and the SAM part of the
// database lags behind Lambda (no SnapStart, no LoggingConfig): a SAM function property is therefore
// accepted when either the SAM specification or AWS::Lambda::Function defines it, and checked against
// whichever defines it.

import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { createRequire } from "node:module";
import { parseDocument } from "yaml";

const require = createRequire(import.meta.url);

const SAM_TRANSFORM = "AWS::Serverless-2016-10-31";
const TOP_LEVEL = new Set(["AWSTemplateFormatVersion", "Description", "Metadata", "Parameters", "Rules", "Mappings",
  "Conditions", "Transform", "Resources", "Outputs", "Globals"]);
const RESOURCE_KEYS = new Set(["Type", "Properties", "DependsOn", "Condition", "Metadata", "DeletionPolicy",
  "UpdateReplacePolicy", "CreationPolicy", "UpdatePolicy", "IgnoreServerlessTransform"]);
const GLOBAL_SECTIONS = { Function: "AWS::Serverless::Function", Api: "AWS::Serverless::Api",
  HttpApi: "AWS::Serverless::HttpApi", SimpleTable: "AWS::Serverless::SimpleTable",
  StateMachine: "AWS::Serverless::StateMachine", LayerVersion: "AWS::Serverless::LayerVersion" };
const PSEUDO_PARAMETERS = new Set(["AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue", "AWS::Partition",
  "AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix"]);
const PARAMETER_TYPES = /^(String|Number|List<Number>|CommaDelimitedList|AWS::[A-Za-z0-9:]+|List<AWS::[A-Za-z0-9:]+>|AWS::SSM::Parameter::Value<.+>)$/;
const PARAMETER_KEYS = new Set(["Type", "Default", "Description", "AllowedValues", "AllowedPattern", "MinLength",
  "MaxLength", "MinValue", "MaxValue", "ConstraintDescription", "NoEcho"]);
const INTRINSICS = ["Ref", "Condition", "Fn::Base64", "Fn::Cidr", "Fn::FindInMap", "Fn::GetAtt", "Fn::GetAZs",
  "Fn::If", "Fn::ImportValue", "Fn::Join", "Fn::Length", "Fn::Select", "Fn::Split", "Fn::Sub", "Fn::ToJsonString",
  "Fn::Transform", "Fn::And", "Fn::Equals", "Fn::Not", "Fn::Or"];
const SHORT_FORMS = { Ref: "Ref", Condition: "Condition" };
for (const name of INTRINSICS) if (name.startsWith("Fn::")) SHORT_FORMS[name.slice(4)] = name;

function fail(message) {
  process.stderr.write(`lint-template: ${message}\n`);
  process.exit(2);
}

// CloudFormation's short forms (!Ref X, !Sub "...", !GetAtt A.B) become their long forms, as CloudFormation reads them.
function cloudFormationTags() {
  const tags = [];
  for (const [short, long] of Object.entries(SHORT_FORMS)) {
    for (const collection of [undefined, "seq", "map"]) {
      tags.push({
        tag: `!${short}`,
        ...(collection ? { collection } : {}),
        resolve(value) {
          let v = value && typeof value.toJSON === "function" ? value.toJSON() : value;
          if (long === "Fn::GetAtt" && typeof v === "string") v = [v.slice(0, v.indexOf(".")), v.slice(v.indexOf(".") + 1)];
          return { [long]: v };
        },
      });
    }
  }
  return tags;
}

function loadSpec() {
  let path;
  try {
    path = require.resolve("@aws-cdk/aws-service-spec/db.json.gz");
  } catch {
    fail("@aws-cdk/aws-service-spec is not installed: run `npm ci` at the repository root");
  }
  const db = JSON.parse(gunzipSync(readFileSync(path)).toString("utf8"));
  const resources = new Map(db.schema.resource.entities.map((r) => [r.cloudFormationType, r]));
  const types = new Map(db.schema.typeDefinition.entities.map((t) => [t.$id, t]));
  return { resources, types };
}

const problems = [];
const report = (where, message) => problems.push(`${where}: ${message}`);

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

function intrinsicName(value) {
  if (!isObject(value)) return null;
  const keys = Object.keys(value);
  return keys.length === 1 && INTRINSICS.includes(keys[0]) ? keys[0] : null;
}

// Checks one value against a type of the specification; returns a message, or null when it fits.
function mismatch(value, type, spec, where, deep) {
  if (intrinsicName(value)) return null;
  switch (type.type) {
    case "string":
      if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
        if (type.allowedValues && !type.allowedValues.includes(String(value))) {
          return `${JSON.stringify(value)} is not one of ${type.allowedValues.join(", ")}`;
        }
        return null;
      }
      return "expected a string";
    case "number":
    case "integer":
      if (typeof value === "number" || (typeof value === "string" && value.trim() !== "" && !isNaN(Number(value)))) {
        if (type.type === "integer" && !Number.isInteger(Number(value))) return "expected an integer";
        return null;
      }
      return `expected a ${type.type}`;
    case "boolean":
      return typeof value === "boolean" || value === "true" || value === "false" ? null : "expected a boolean";
    case "json":
      return null;
    case "date-time":
      return typeof value === "string" ? null : "expected a date-time string";
    case "null":
      return value === null ? null : "expected null";
    case "tag":
      return isObject(value) ? null : "expected a tag {Key, Value}";
    case "array":
      if (!Array.isArray(value)) return "expected a list";
      value.forEach((item, i) => check(item, type.element, spec, `${where}[${i}]`));
      return null;
    case "map":
      if (!isObject(value)) return "expected a mapping";
      for (const [key, item] of Object.entries(value)) check(item, type.element, spec, `${where}.${key}`);
      return null;
    case "ref": {
      const definition = spec.types.get(type.reference.$ref);
      if (!definition) return null;
      if (!isObject(value)) return `expected a ${definition.name} mapping`;
      if (deep) checkProperties(value, definition.properties, spec, where);
      return null;
    }
    case "union": {
      // A union fits when one member fits without any nested problem.
      const messages = [];
      for (const member of type.types) {
        const before = problems.length;
        const message = mismatch(value, member, spec, where, true);
        const nested = problems.splice(before);
        if (!message && nested.length === 0) return null;
        messages.push(message || nested[0]);
      }
      return `fits none of the allowed forms (${messages.join("; ")})`;
    }
    default:
      return null;
  }
}

function check(value, type, spec, where) {
  const message = mismatch(value, type, spec, where, true);
  if (message) report(where, message);
}

function checkProperties(value, properties, spec, where, extra = {}) {
  const known = { ...extra, ...properties };
  for (const [name, item] of Object.entries(value)) {
    const property = known[name];
    if (!property) {
      report(`${where}.${name}`, `unknown property (known: ${Object.keys(known).sort().join(", ")})`);
      continue;
    }
    check(item, property.type, spec, `${where}.${name}`);
  }
  for (const [name, property] of Object.entries(properties)) {
    if (property.required && !(name in value)) report(where, `required property ${name} is missing`);
  }
}

function propertiesFor(type, spec) {
  const resource = spec.resources.get(type);
  if (!resource) return null;
  if (type === "AWS::Serverless::Function") {
    // SAM passes these through to AWS::Lambda::Function; its own definitions take precedence.
    const lambda = spec.resources.get("AWS::Lambda::Function").properties;
    const passthrough = Object.fromEntries(Object.entries(lambda)
      .filter(([name]) => !["Code", "TracingConfig", "DeadLetterConfig"].includes(name))
      .map(([name, p]) => [name, { ...p, required: false }]));
    return { ...passthrough, ...resource.properties };
  }
  return resource.properties;
}

function checkEvents(events, spec, where) {
  if (!isObject(events)) return;
  const eventTypes = new Map([...spec.types.values()].filter((t) => t.name && t.name.endsWith("Event"))
    .map((t) => [t.name.slice(0, -"Event".length), t]));
  for (const [name, event] of Object.entries(events)) {
    const at = `${where}.Events.${name}`;
    if (!isObject(event) || typeof event.Type !== "string") {
      report(at, "an event needs a Type");
      continue;
    }
    const definition = eventTypes.get(event.Type);
    if (!definition) {
      report(`${at}.Type`, `unknown SAM event type ${event.Type}`);
      continue;
    }
    for (const key of Object.keys(event)) if (key !== "Type" && key !== "Properties") report(`${at}.${key}`, "unknown key");
    checkProperties(event.Properties || {}, definition.properties, spec, `${at}.Properties`);
  }
}

// Ref, GetAtt and Sub must name a parameter, a resource (or what SAM generates from one) or a pseudo parameter.
function checkReferences(node, template, where) {
  if (Array.isArray(node)) {
    node.forEach((item, i) => checkReferences(item, template, `${where}[${i}]`));
    return;
  }
  if (!isObject(node)) return;
  const parameters = template.Parameters || {};
  const resources = template.Resources || {};
  const generated = new Set();
  for (const [id, r] of Object.entries(resources)) {
    if (r && r.Type === "AWS::Serverless::Function" && (r.Properties?.AutoPublishAlias || template.Globals?.Function?.AutoPublishAlias)) {
      generated.add(`${id}.Alias`).add(`${id}.Version`);
    }
    if (r && r.Type === "AWS::Serverless::Function") generated.add(`${id}Role`);
  }
  const known = (name) => name in parameters || name in resources || PSEUDO_PARAMETERS.has(name) || generated.has(name);
  for (const [key, value] of Object.entries(node)) {
    if (key === "Ref" && typeof value === "string" && !known(value)) report(where, `Ref to unknown ${value}`);
    if (key === "Fn::GetAtt") {
      const target = Array.isArray(value) ? value[0] : String(value).split(".")[0];
      if (typeof target === "string" && !(target in resources)) report(where, `GetAtt on unknown resource ${target}`);
    }
    if (key === "Fn::Sub") {
      const text = Array.isArray(value) ? value[0] : value;
      const locals = Array.isArray(value) && isObject(value[1]) ? value[1] : {};
      if (typeof text === "string") {
        for (const match of text.matchAll(/\$\{([^!}][^}]*)\}/g)) {
          const name = match[1].trim();
          const base = name.includes(".") && !name.startsWith("AWS::") ? name.split(".")[0] : name;
          if (!(name in locals) && !known(name) && !known(base)) report(where, `Sub refers to unknown ${name}`);
        }
      }
    }
    checkReferences(value, template, `${where}.${key}`);
  }
}

function lint(template, spec) {
  if (!isObject(template)) {
    report("template", "is not a mapping");
    return;
  }
  for (const key of Object.keys(template)) if (!TOP_LEVEL.has(key)) report(key, "unknown top-level section");
  const transforms = [].concat(template.Transform || []);
  const sam = transforms.includes(SAM_TRANSFORM);
  if (template.Globals && !sam) report("Globals", `needs Transform: ${SAM_TRANSFORM}`);
  if (template.AWSTemplateFormatVersion !== undefined && String(template.AWSTemplateFormatVersion) !== "2010-09-09") {
    report("AWSTemplateFormatVersion", "must be 2010-09-09");
  }

  for (const [name, parameter] of Object.entries(template.Parameters || {})) {
    const at = `Parameters.${name}`;
    if (!isObject(parameter)) { report(at, "must be a mapping"); continue; }
    for (const key of Object.keys(parameter)) if (!PARAMETER_KEYS.has(key)) report(`${at}.${key}`, "unknown parameter attribute");
    if (!PARAMETER_TYPES.test(String(parameter.Type))) report(`${at}.Type`, `unknown parameter type ${parameter.Type}`);
    if (parameter.Default !== undefined) {
      const fallback = String(parameter.Default);
      if (parameter.AllowedValues && !parameter.AllowedValues.map(String).includes(fallback)) {
        report(`${at}.Default`, "is not one of AllowedValues");
      }
      if (parameter.AllowedPattern && !new RegExp(parameter.AllowedPattern).test(fallback)) {
        report(`${at}.Default`, "does not match AllowedPattern");
      }
    }
  }

  const resources = template.Resources;
  if (!isObject(resources) || Object.keys(resources).length === 0) report("Resources", "at least one resource is required");

  for (const [section, value] of Object.entries(template.Globals || {})) {
    const type = GLOBAL_SECTIONS[section];
    if (!type) { report(`Globals.${section}`, "unknown Globals section"); continue; }
    const properties = propertiesFor(type, spec);
    const optional = Object.fromEntries(Object.entries(properties).map(([n, p]) => [n, { ...p, required: false }]));
    checkProperties(value || {}, optional, spec, `Globals.${section}`);
  }

  for (const [id, resource] of Object.entries(resources || {})) {
    const at = `Resources.${id}`;
    if (!/^[A-Za-z0-9]+$/.test(id)) report(at, "logical ids are alphanumeric");
    if (!isObject(resource)) { report(at, "must be a mapping"); continue; }
    for (const key of Object.keys(resource)) if (!RESOURCE_KEYS.has(key)) report(`${at}.${key}`, "unknown resource attribute");
    const type = resource.Type;
    if (typeof type === "string" && (type.startsWith("Custom::") || type === "AWS::CloudFormation::CustomResource")) continue;
    const properties = typeof type === "string" ? propertiesFor(type, spec) : null;
    if (!properties) { report(`${at}.Type`, `unknown resource type ${type}`); continue; }
    if (type.startsWith("AWS::Serverless::") && !sam) report(`${at}.Type`, `needs Transform: ${SAM_TRANSFORM}`);
    const given = isObject(resource.Properties) ? resource.Properties : {};
    const withGlobals = type.startsWith("AWS::Serverless::")
      ? { ...(template.Globals?.[type.slice("AWS::Serverless::".length)] || {}), ...given } : given;
    const { Events: events, ...rest } = withGlobals;
    const own = Object.fromEntries(Object.keys(given).filter((k) => k !== "Events").map((k) => [k, rest[k]]));
    checkProperties(own, properties, spec, `${at}.Properties`);
    for (const [name, property] of Object.entries(properties)) {
      if (property.required && !(name in rest) && !(name in own)) report(`${at}.Properties`, `required property ${name} is missing`);
    }
    if (type === "AWS::Serverless::Function") checkEvents(events, spec, `${at}.Properties`);
  }

  for (const [name, output] of Object.entries(template.Outputs || {})) {
    if (!isObject(output) || output.Value === undefined) report(`Outputs.${name}`, "needs a Value");
  }
  checkReferences(template, template, "template");
}

const file = process.argv[2];
if (!file) fail("usage: node web-tests/lint-template.mjs TEMPLATE.yaml");
let text;
try {
  text = readFileSync(file, "utf8");
} catch (e) {
  fail(`cannot read ${file}: ${e.message}`);
}
const document = parseDocument(text, { customTags: cloudFormationTags(), uniqueKeys: true, prettyErrors: true });
for (const error of document.errors) report(file, `YAML: ${error.message.split("\n")[0]}`);
for (const warning of document.warnings) report(file, `YAML: ${warning.message.split("\n")[0]}`);
if (document.errors.length === 0) lint(document.toJS({ maxAliasCount: 100 }), loadSpec());

if (problems.length > 0) {
  for (const problem of problems) process.stderr.write(`${file}: ${problem}\n`);
  process.stderr.write(`${file}: ${problems.length} problem(s)\n`);
  process.exit(1);
}
process.stdout.write(`${file}: valid (${Object.keys(document.toJS().Resources).length} resources checked)\n`);
