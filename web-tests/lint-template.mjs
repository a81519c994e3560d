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
// name, required property, value type and enumerated value (both branches of an Fn::If too), the AWS
// metrics and dimensions that alarms and dashboards name, plus references between the sections, the
// Conditions and the Rules. It also knows two things the specification does not say: where SAM reads an
// Auth value itself and so cannot take an intrinsic function, and the values of a few properties the
// specification leaves as free strings.
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
// Functions that work only in the Rules section, where they validate parameter values.
const RULE_ONLY_FUNCTIONS = ["Fn::Contains", "Fn::EachMemberEquals", "Fn::EachMemberIn", "Fn::RefAll", "Fn::ValueOf",
  "Fn::ValueOfAll"];
const INTRINSICS = ["Ref", "Condition", "Fn::Base64", "Fn::Cidr", "Fn::FindInMap", "Fn::GetAtt", "Fn::GetAZs",
  "Fn::If", "Fn::ImportValue", "Fn::Join", "Fn::Length", "Fn::Select", "Fn::Split", "Fn::Sub", "Fn::ToJsonString",
  "Fn::Transform", "Fn::And", "Fn::Equals", "Fn::Not", "Fn::Or", ...RULE_ONLY_FUNCTIONS];
// What a rule's condition and assertions may use (CloudFormation's "rule functions"), and which of them return
// the true or false that a RuleCondition or an Assert must be.
const RULE_FUNCTIONS = new Set(["Ref", "Fn::And", "Fn::Equals", "Fn::If", "Fn::Not", "Fn::Or", ...RULE_ONLY_FUNCTIONS]);
const RULE_TESTS = new Set(["Fn::And", "Fn::Contains", "Fn::EachMemberEquals", "Fn::EachMemberIn", "Fn::Equals",
  "Fn::Not", "Fn::Or"]);
const CONDITION_FUNCTIONS = new Set(["Fn::And", "Fn::Equals", "Fn::Not", "Fn::Or", "Condition"]);

// Properties that the specification types as any string although CloudFormation accepts only these values
// (each property's CloudFormation documentation): a typo fails here rather than halfway through a deployment.
const ALLOWED_VALUES = {
  "AWS::ApiGatewayV2::Api": { ProtocolType: ["HTTP", "WEBSOCKET"] },
  "AWS::ApiGatewayV2::Authorizer": { AuthorizerType: ["JWT", "REQUEST"] },
  "AWS::ApiGatewayV2::Integration": { IntegrationType: ["AWS", "AWS_PROXY", "HTTP", "HTTP_PROXY", "MOCK"],
    PayloadFormatVersion: ["1.0", "2.0"], ConnectionType: ["INTERNET", "VPC_LINK"] },
  "AWS::ApiGatewayV2::Route": { AuthorizationType: ["NONE", "AWS_IAM", "CUSTOM", "JWT"] },
  "AWS::CloudWatch::Alarm": {
    ComparisonOperator: ["GreaterThanOrEqualToThreshold", "GreaterThanThreshold", "LessThanThreshold",
      "LessThanOrEqualToThreshold", "LessThanLowerOrGreaterThanUpperThreshold", "LessThanLowerThreshold",
      "GreaterThanUpperThreshold"],
    Statistic: ["SampleCount", "Average", "Sum", "Minimum", "Maximum"],
    TreatMissingData: ["breaching", "notBreaching", "ignore", "missing"],
  },
};

// SAM reads most of an Auth block itself, to name the authorizers, choose the default one and write the API's
// OpenAPI document, and there it takes the text as written: an intrinsic function (an !If on a parameter, a
// !Ref) is not resolved, and the API deploys without the authorization it seems to describe, or fails. The
// exceptions are the values that SAM's own schema (samtranslator/schema/aws_serverless_*.py) types as
// intrinsic-capable, which SAM copies into the resources it generates for CloudFormation to resolve. Paths are
// relative to Auth; * is one key, ** everything below.
const SAM_AUTH_INTRINSICS_ALLOWED = {
  "AWS::Serverless::HttpApi": ["Authorizers.*.FunctionArn", "Authorizers.*.FunctionInvokeRole",
    "Authorizers.*.JwtConfiguration.**"],
  "AWS::Serverless::Api": ["Authorizers.*.UserPoolArn", "Authorizers.*.FunctionArn",
    "Authorizers.*.Identity.ReauthorizeEvery", "ResourcePolicy.**", "UsagePlan.**"],
  "event Api": ["InvokeRole", "ResourcePolicy.**"],
  "event HttpApi": [],
};
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
  // namespace -> metric name -> the dimension sets it is published with (each a sorted, "+"-joined list of names)
  const dimensionSets = new Map(db.schema.dimensionSet.entities.map((d) => [d.$id, d]));
  const metrics = new Map();
  for (const metric of db.schema.metric.entities) {
    if (!metrics.has(metric.namespace)) metrics.set(metric.namespace, new Map());
    const byName = metrics.get(metric.namespace);
    if (!byName.has(metric.name)) byName.set(metric.name, new Set());
    for (const link of db.schema.usesDimensionSet.forward[metric.$id] || []) {
      const set = dimensionSets.get(link.$id);
      if (set) byName.get(metric.name).add(set.dimensions.map((d) => d.name).sort().join("+"));
    }
  }
  return { resources, types, metrics };
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
  const intrinsic = intrinsicName(value);
  if (intrinsic === "Fn::If" && Array.isArray(value[intrinsic]) && value[intrinsic].length === 3) {
    // Whichever way the condition goes, the value must fit.
    for (const branch of value[intrinsic].slice(1)) {
      if (isObject(branch) && branch.Ref === "AWS::NoValue") continue;
      const message = mismatch(branch, type, spec, where, deep);
      if (message) return `${message} (in Fn::If)`;
    }
    return null;
  }
  if (intrinsic) return null;
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
  if (ALLOWED_VALUES[type]) {
    const properties = { ...resource.properties };
    for (const [name, values] of Object.entries(ALLOWED_VALUES[type])) {
      properties[name] = { ...properties[name], type: { ...properties[name].type, allowedValues: values } };
    }
    return properties;
  }
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

// Calls visit(node, where) on every mapping and list below node, node included.
function walk(node, where, visit) {
  visit(node, where);
  if (Array.isArray(node)) node.forEach((item, i) => walk(item, `${where}[${i}]`, visit));
  else if (isObject(node)) for (const [key, value] of Object.entries(node)) walk(value, `${where}.${key}`, visit);
}

// An intrinsic function where SAM reads an Auth value itself; `allowed` lists the paths that may hold one.
function checkSamAuth(auth, allowed, where) {
  const patterns = allowed.map((p) => p.split("."));
  const matches = (pattern, segments) => {
    for (let i = 0; i < pattern.length; i++) {
      if (pattern[i] === "**") return true;
      if (i >= segments.length || (pattern[i] !== "*" && pattern[i] !== segments[i])) return false;
    }
    return pattern.length === segments.length;
  };
  const visit = (node, segments, at) => {
    if (patterns.some((pattern) => matches(pattern, segments))) return;
    const name = intrinsicName(node);
    if (name) {
      report(at, `SAM does not resolve ${name} under Auth: it reads this value itself and takes it as written. ` +
        "Write a literal, or declare the routes and authorizer as AWS::ApiGatewayV2::* (or AWS::ApiGateway::*) resources");
      return;
    }
    if (Array.isArray(node)) node.forEach((item, i) => visit(item, [...segments, String(i)], `${at}[${i}]`));
    else if (isObject(node)) for (const [key, value] of Object.entries(node)) visit(value, [...segments, key], `${at}.${key}`);
  };
  if (auth !== undefined) visit(auth, [], where);
}

function checkRules(template) {
  const rules = template.Rules;
  if (rules === undefined) return;
  if (!isObject(rules)) { report("Rules", "must be a mapping of rule names to rules"); return; }
  const parameters = template.Parameters || {};
  const resources = template.Resources || {};
  const expression = (value, where) => {
    const name = intrinsicName(value);
    if (!RULE_TESTS.has(name)) {
      report(where, `must be a rule function that returns true or false (${[...RULE_TESTS].join(", ")})`);
    }
    walk(value, where, (node, at) => {
      const fn = intrinsicName(node);
      if (!fn) return;
      if (!RULE_FUNCTIONS.has(fn)) report(at, `${fn} cannot be used in a rule (rule functions: ${[...RULE_FUNCTIONS].join(", ")})`);
      if (fn === "Ref" && typeof node.Ref === "string" && !(node.Ref in parameters) && !PSEUDO_PARAMETERS.has(node.Ref)) {
        report(at, node.Ref in resources ? `a rule can refer to parameters only, not to the resource ${node.Ref}`
          : `Ref to unknown parameter ${node.Ref}`);
      }
    });
  };
  for (const [name, rule] of Object.entries(rules)) {
    const at = `Rules.${name}`;
    if (!isObject(rule)) { report(at, "must be a mapping with Assertions and an optional RuleCondition"); continue; }
    for (const key of Object.keys(rule)) {
      if (key !== "RuleCondition" && key !== "Assertions") report(`${at}.${key}`, "unknown rule attribute (known: Assertions, RuleCondition)");
    }
    if (rule.RuleCondition !== undefined) expression(rule.RuleCondition, `${at}.RuleCondition`);
    if (!Array.isArray(rule.Assertions) || rule.Assertions.length === 0) {
      report(at, "needs Assertions: a list of {Assert, AssertDescription}");
      continue;
    }
    rule.Assertions.forEach((assertion, i) => {
      const where = `${at}.Assertions[${i}]`;
      if (!isObject(assertion)) { report(where, "must be a mapping with Assert and AssertDescription"); return; }
      for (const key of Object.keys(assertion)) {
        if (key !== "Assert" && key !== "AssertDescription") report(`${where}.${key}`, "unknown assertion attribute (known: Assert, AssertDescription)");
      }
      if (!("Assert" in assertion)) report(where, "needs Assert");
      else expression(assertion.Assert, `${where}.Assert`);
      if (assertion.AssertDescription !== undefined && typeof assertion.AssertDescription !== "string") {
        report(`${where}.AssertDescription`, "expected a string");
      }
    });
  }
}

// Conditions are condition functions; every condition named (Condition attributes, Fn::If, Condition) exists;
// rule-only functions stay in Rules.
function checkConditions(template) {
  const conditions = isObject(template.Conditions) ? template.Conditions : {};
  if (template.Conditions !== undefined && !isObject(template.Conditions)) report("Conditions", "must be a mapping");
  for (const [name, condition] of Object.entries(conditions)) {
    if (!CONDITION_FUNCTIONS.has(intrinsicName(condition))) {
      report(`Conditions.${name}`, `must be a condition function (${[...CONDITION_FUNCTIONS].join(", ")})`);
    }
  }
  const known = (name, where) => {
    if (typeof name !== "string" || !(name in conditions)) report(where, `unknown condition ${JSON.stringify(name)}`);
  };
  for (const section of ["Resources", "Outputs"]) {
    for (const [id, item] of Object.entries(template[section] || {})) {
      if (isObject(item) && item.Condition !== undefined) known(item.Condition, `${section}.${id}.Condition`);
    }
  }
  for (const section of ["Conditions", "Resources", "Outputs", "Globals"]) {
    walk(template[section], section, (node, at) => {
      const fn = intrinsicName(node);
      if (fn === "Fn::If") {
        const args = node[fn];
        if (!Array.isArray(args) || args.length !== 3) report(at, "Fn::If takes [condition, value if true, value if false]");
        else known(args[0], at);
      }
      if (fn === "Condition" && section === "Conditions") known(node.Condition, at);
      if (RULE_ONLY_FUNCTIONS.includes(fn)) report(at, `${fn} works only in Rules`);
    });
  }
}

// An AWS metric must exist in its namespace and be published with exactly the dimensions named.
function checkMetric(namespace, metricName, dimensions, spec, where, dimensionsWhere = where) {
  if (typeof namespace !== "string" || !namespace.startsWith("AWS/") || !spec.metrics.has(namespace)) return;
  if (typeof metricName !== "string") return;
  const byName = spec.metrics.get(namespace);
  if (!byName.has(metricName)) {
    report(where, `${namespace} has no metric ${metricName} (known: ${[...byName.keys()].sort().join(", ")})`);
    return;
  }
  if (dimensions.some((d) => typeof d !== "string")) return;
  const sets = byName.get(metricName);
  const given = [...dimensions].sort().join("+");
  if (sets.size > 0 && !sets.has(given)) {
    const show = (set) => (set === "" ? "none" : set.split("+").join(", "));
    report(dimensionsWhere, `${namespace} ${metricName} is not published with dimensions [${show(given)}] ` +
      `(it is with: ${[...sets].map((set) => `[${show(set)}]`).join(" or ")})`);
  }
}

function checkAlarm(properties, spec, where) {
  const dimensionNames = (list) => (Array.isArray(list) ? list.map((d) => (isObject(d) ? d.Name : undefined)) : []);
  if (properties.MetricName !== undefined) {
    checkMetric(properties.Namespace, properties.MetricName, dimensionNames(properties.Dimensions), spec,
      `${where}.MetricName`, `${where}.Dimensions`);
  }
  (Array.isArray(properties.Metrics) ? properties.Metrics : []).forEach((query, i) => {
    const metric = query?.MetricStat?.Metric;
    if (isObject(metric)) {
      const at = `${where}.Metrics[${i}].MetricStat.Metric`;
      checkMetric(metric.Namespace, metric.MetricName, dimensionNames(metric.Dimensions), spec, `${at}.MetricName`,
        `${at}.Dimensions`);
    }
  });
}

// A dashboard body is JSON inside a string, usually a !Sub: it must parse once substituted, and its AWS
// metrics must exist. Placeholders become 0, which fits both inside a JSON string and as a number.
function checkDashboard(properties, spec, where) {
  const body = properties.DashboardBody;
  const text = typeof body === "string" ? body
    : isObject(body) && typeof body["Fn::Sub"] === "string" ? body["Fn::Sub"]
      : isObject(body) && Array.isArray(body["Fn::Sub"]) && typeof body["Fn::Sub"][0] === "string" ? body["Fn::Sub"][0]
        : null;
  if (text === null) return;
  const substituted = text.replace(/\$\{!([^}]*)\}/g, "$${$1}").replace(/\$\{[^!}][^}]*\}/g, "0");
  let dashboard;
  try {
    dashboard = JSON.parse(substituted);
  } catch (e) {
    // Substitution keeps the line breaks, so a position in the substituted text has the template's line.
    const position = /position (\d+)/.exec(e.message);
    const line = position ? ` (line ${substituted.slice(0, Number(position[1])).split("\n").length} of the body)` : "";
    report(`${where}.DashboardBody`, `is not JSON once substituted${line}: ${e.message}`);
    return;
  }
  if (!isObject(dashboard) || !Array.isArray(dashboard.widgets)) {
    report(`${where}.DashboardBody`, "needs a widgets list");
    return;
  }
  dashboard.widgets.forEach((widget, w) => {
    const rows = widget?.properties?.metrics;
    if (!Array.isArray(rows)) return;
    let previous = [];
    rows.forEach((row, r) => {
      if (!Array.isArray(row) || typeof row[0] !== "string") return;
      // "." repeats the value at the same position in the row above.
      const values = row.filter((v) => !isObject(v)).map((v, i) => (v === "." ? previous[i] : v));
      previous = values;
      const dimensions = values.slice(2).filter((_, i) => i % 2 === 0);
      checkMetric(values[0], values[1], dimensions, spec, `${where}.DashboardBody.widgets[${w}].metrics[${r}]`);
    });
  });
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
    if (SAM_AUTH_INTRINSICS_ALLOWED[type]) checkSamAuth(value?.Auth, SAM_AUTH_INTRINSICS_ALLOWED[type], `Globals.${section}.Auth`);
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
    if (SAM_AUTH_INTRINSICS_ALLOWED[type]) checkSamAuth(given.Auth, SAM_AUTH_INTRINSICS_ALLOWED[type], `${at}.Properties.Auth`);
    if (type === "AWS::Serverless::Function" && isObject(events)) {
      for (const [name, event] of Object.entries(events)) {
        if (!isObject(event) || !isObject(event.Properties)) continue;
        checkSamAuth(event.Properties.Auth, SAM_AUTH_INTRINSICS_ALLOWED[`event ${event.Type}`] || [],
          `${at}.Properties.Events.${name}.Properties.Auth`);
      }
    }
    if (type === "AWS::CloudWatch::Alarm") checkAlarm(given, spec, `${at}.Properties`);
    if (type === "AWS::CloudWatch::Dashboard") checkDashboard(given, spec, `${at}.Properties`);
  }

  for (const [name, output] of Object.entries(template.Outputs || {})) {
    if (!isObject(output) || output.Value === undefined) report(`Outputs.${name}`, "needs a Value");
  }
  checkRules(template);
  checkConditions(template);
  const { Rules: _rules, ...referencing } = template;
  checkReferences(referencing, template, "template");
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
