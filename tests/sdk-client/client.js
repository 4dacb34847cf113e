'use strict';
/*
 * Huawei Cloud's official Node SDK as a client of the MigrationTools emulator (issue 15). The RocketMQ SDK's own
 * client calls the DMS routes; the core's HcClient, with its credentials and signer (BasicCredentials and
 * GlobalCredentials, AKSKSigner), calls the DCS, DRS and IAM routes as any Huawei Cloud SDK client does. Every route
 * must answer the SDK's signature with 200, and every answer must parse into the SDK's models: each field known to
 * the Node SDK's model class (RocketMQ) and to tests/Contract/sdk-contract.json, with the model's JSON type and enum
 * values, or a quirk listed with its source in tests/Contract/module-map.json.
 *
 *   node client.js http://127.0.0.1:PORT     (run by tests/MigrationTools.Emulator.Tests/SdkClientTests.cs)
 *
 * One process runs every check; exit code 0 when all passed, 1 with the failures listed.
 */
const path = require('path');
const core = require('@huaweicloud/huaweicloud-sdk-core');
const { ClientBuilder } = require('@huaweicloud/huaweicloud-sdk-core/ClientBuilder');
const rocketmq = require('@huaweicloud/huaweicloud-sdk-rocketmq');
const contract = require(path.join(__dirname, '..', 'Contract', 'sdk-contract.json'));
const map = require(path.join(__dirname, '..', 'Contract', 'module-map.json'));

const base = process.argv[2];
if (!base) {
  console.error('usage: node client.js <emulator url>');
  process.exit(2);
}

const failures = [];
let checks = 0;
let calls = 0;
const check = (ok, message) => {
  checks++;
  if (!ok) failures.push(message);
};

/** The emulator's control routes (not signed, not part of any SDK). */
async function control(route, body) {
  const init = body === undefined ? {} : { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
  const r = await fetch(base + route, init);
  if (!r.ok) throw new Error(`${route}: ${r.status} ${await r.text()}`);
  return r.json();
}

/** The JSON names a model class of the Node RocketMQ SDK knows: what its with* methods write. */
const nodeNames = new Map();
function namesOf(className) {
  if (!nodeNames.has(className)) {
    const Model = rocketmq[className];
    let names = null;
    if (typeof Model === 'function') {
      const o = new Model();
      for (const m of Object.getOwnPropertyNames(Model.prototype)) if (m.startsWith('with')) o[m]('x');
      names = new Set(Object.keys(o));
    }
    nodeNames.set(className, names);
  }
  return nodeNames.get(className);
}

const snake = (s) => s.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase());

/** Checks an answer against an SDK model, into nested models; node: also against the Node SDK's class. */
function walk(modelKey, json, where, node) {
  const model = contract.models[modelKey];
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    check(false, `${where}: ${modelKey} is not a JSON object`);
    return;
  }
  const entry = map.models[modelKey] || {};
  const quirks = entry.emulatorQuirks || {};
  const className = modelKey.split('.')[1];
  const known = node ? namesOf(className) : null;
  if (node) check(known !== null, `${where}: the Node SDK has no model ${className}`);
  for (const [key, value] of Object.entries(json)) {
    if (key === 'httpStatusCode') continue; // added by the SDK's HcClient to every answer
    const name = key in model.fields ? key : entry.alsoCamelCase && snake(key) in model.fields ? snake(key) : null;
    if (name === null) {
      check(key in quirks, `${where}: ${modelKey} has no field '${key}' and module-map.json lists no quirk for it`);
      continue;
    }
    if (known) check(known.has(name), `${where}: the Node SDK's ${className} has no field '${name}'`);
    if (name in quirks) continue;
    value_(model.fields[name], value, `${where}: ${modelKey}.${name}`, node);
  }
}

function value_(type, value, where, node) {
  if (value === null || value === undefined) return;
  switch (type.type) {
    case 'string':
      check(typeof value === 'string', `${where} is ${JSON.stringify(value)}, the SDK says string`);
      if (type.enum) check(type.enum.includes(value), `${where} is '${value}', not one of ${type.enum.join(', ')}`);
      break;
    case 'integer':
      check(Number.isInteger(value), `${where} is ${JSON.stringify(value)}, the SDK says integer`);
      break;
    case 'number':
      check(typeof value === 'number', `${where} is ${JSON.stringify(value)}, the SDK says number`);
      break;
    case 'boolean':
      check(typeof value === 'boolean', `${where} is ${JSON.stringify(value)}, the SDK says boolean`);
      break;
    case 'array':
      check(Array.isArray(value), `${where} is not an array`);
      if (Array.isArray(value)) value.forEach((item) => value_(type.items, item, where + '[]', node));
      break;
    case 'map':
      check(typeof value === 'object' && !Array.isArray(value), `${where} is not an object of names`);
      for (const [k, item] of Object.entries(value)) value_(type.values, item, `${where}[${k}]`, node);
      break;
    case 'object':
      walk(type.model, value, where, node);
      break;
    default:
      break;
  }
}

/** One SDK call: 200 (the signature accepted) and the answer, or a failure naming the call. */
async function call(what, send) {
  calls++;
  try {
    const answer = await send();
    check(answer.httpStatusCode === 200, `${what}: status ${answer.httpStatusCode}`);
    return answer;
  } catch (e) {
    check(false, `${what}: ${e.httpStatusCode || ''} ${e.errorCode || ''} ${e.errorMsg || e.message}`);
    return null;
  }
}

async function main() {
  const info = await control('/_emulator/info');
  const basic = new core.BasicCredentials().withAk(info.accessKey).withSk(info.secretKey).withProjectId(info.projectId);
  const mq = rocketmq.RocketMQClient.newBuilder().withCredential(basic).withEndpoint(base).build();
  // The core's client as any service's SDK builds it: the same credentials, signer and request pipeline.
  const hc = new ClientBuilder((c) => c).withCredential(basic).withEndpoint(base).build();
  const global = new core.GlobalCredentials().withAk(info.accessKey).withSk(info.secretKey).withDomainId(info.domainId);
  const iam = new ClientBuilder((c) => c, 'GlobalCredentials').withCredential(global).withEndpoint(base).build();
  const get = (client, url, queryParams = {}) => () =>
    client.sendRequest({ method: 'GET', url, contentType: 'application/json', queryParams, pathParams: {}, headers: {} });

  // DMS ListInstances, in each of the three service behaviours, with the spelling that service knows.
  for (const [behaviour, engine] of [['both', 'rocketmq'], ['both', 'reliability'], ['rocketMq', 'rocketmq'], ['reliability', 'reliability']]) {
    await control('/_emulator/behaviour', { rocketMqEngine: behaviour });
    const a = await call(`ListInstances engine=${engine} (${behaviour})`, () => mq.listInstances(new rocketmq.ListInstancesRequest().withEngine(engine).withLimit(50)));
    if (!a) continue;
    walk('rocketmq.ListInstancesResponse', a, `ListInstances engine=${engine} (${behaviour})`, true);
    check(a.instances.length === info.rocketMqInstanceIds.length, `ListInstances engine=${engine} (${behaviour}): ${a.instances.length} instances`);
    check(a.instances.every((i) => i.engine === engine || (behaviour === 'both' && i.engine === 'rocketmq')), `ListInstances engine=${engine} (${behaviour}): engines ${a.instances.map((i) => i.engine)}`);
  }
  await control('/_emulator/behaviour', { rocketMqEngine: 'both', jsonContent: 'camelCase' });

  // ListRocketMqMigrationTask: each instance's list, then tasks of both types, whole and narrowed, in both spellings.
  const tasks = [];
  for (const id of info.rocketMqInstanceIds) {
    const a = await call(`ListRocketMqMigrationTask ${id}`, () => mq.listRocketMqMigrationTask(new rocketmq.ListRocketMqMigrationTaskRequest().withInstanceId(id).withLimit(1000)));
    if (!a) continue;
    walk('rocketmq.ListRocketMqMigrationTaskResponse', a, `ListRocketMqMigrationTask ${id}`, true);
    check(a.total === a.task.length, `ListRocketMqMigrationTask ${id}: total ${a.total}, ${a.task.length} tasks`);
    for (const type of ['rabbitToRocket', 'rocketmq']) {
      const t = a.task.find((x) => x.type === type);
      if (t && !tasks.some((x) => x.task.type === type)) tasks.push({ id, task: t });
    }
  }
  check(tasks.length === 2, `tasks of both types found: ${tasks.map((t) => t.task.type)}`);
  for (const spelling of ['camelCase', 'snakeCase']) {
    await control('/_emulator/behaviour', { jsonContent: spelling });
    for (const { id, task } of tasks) {
      for (const type of ['all', 'vhost', 'exchange', 'queue']) {
        const what = `task ${task.id} (${task.type}) type=${type} ${spelling}`;
        const a = await call(what, () => mq.listRocketMqMigrationTask(new rocketmq.ListRocketMqMigrationTaskRequest().withInstanceId(id).withId(task.id).withType(type)));
        if (!a) continue;
        walk('rocketmq.MetadataTask', a, what, true);
        let content = null;
        try {
          content = JSON.parse(a.json_content);
        } catch (e) {
          check(false, `${what}: json_content is not JSON: ${e.message}`);
        }
        if (content) walk('rocketmq.CreateRocketMqMigrationTaskReq', content, `${what} json_content`, true);
        if (content && task.type === 'rocketmq') {
          const table = spelling === 'snakeCase' ? 'topic_config_table' : 'topicConfigTable';
          check(content[table] && Object.keys(content[table]).length > 0, `${what}: no ${table}`);
        }
      }
    }
  }
  await control('/_emulator/behaviour', { jsonContent: 'camelCase' });

  // DCS through the core's client and signer.
  const list = await call('DCS ListMigrationTask', get(hc, '/v2/{project_id}/migration-tasks', { limit: 1000 }));
  if (list) {
    walk('dcs.ListMigrationTaskResponse', list, 'DCS ListMigrationTask', false);
    const sample = [];
    for (const kind of ['backupfile_import', 'online_migration']) {
      for (const status of ['SUCCESS', 'FAILED', 'MIGRATING', 'TERMINATED']) {
        const t = list.migration_tasks.find((x) => x.migration_type === kind && x.status === status);
        if (t) sample.push(t);
      }
    }
    check(sample.length >= 6, `DCS: ${sample.length} kinds of tasks`);
    for (const t of sample) {
      const detail = await call(`DCS ShowMigrationTask ${t.task_id}`, get(hc, `/v2/{project_id}/migration-task/${t.task_id}`));
      if (detail) walk('dcs.ShowMigrationTaskResponse', detail, `DCS ShowMigrationTask ${t.task_id}`, false);
      if (t.migration_type === 'online_migration') {
        const stats = await call(`DCS ShowMigrationTaskStats ${t.task_id}`, get(hc, `/v2/{project_id}/migration-task/${t.task_id}/stats`));
        if (stats) walk('dcs.ShowMigrationTaskStatsResponse', stats, `DCS ShowMigrationTaskStats ${t.task_id}`, false);
      }
    }
  }

  // DRS through the core's client and signer.
  const jobs = await call('DRS ListReplicationJobs', get(hc, '/v5/{project_id}/backup-migration-jobs', { limit: 2000 }));
  if (jobs) {
    walk('drs.ListReplicationJobsResponse', jobs, 'DRS ListReplicationJobs', false);
    for (const status of ['TRANSFERRING', 'SUCCESS', 'FAILED', 'PRECHECK FAILED']) {
      const j = jobs.jobs.find((x) => x.status === status);
      if (!j) continue;
      const detail = await call(`DRS ShowReplicationJob ${j.id}`, get(hc, `/v5/{project_id}/backup-migration-jobs/${j.id}`));
      if (!detail) continue;
      walk('drs.ShowReplicationJobResponse', detail, `DRS ShowReplicationJob ${j.id}`, false);
      check(detail.base_info && detail.base_info.name === j.name, `DRS ShowReplicationJob ${j.id}: base_info.name is not the listed name '${j.name}'`);
      check(detail.options && ['full', 'incre'].includes(detail.options.recovery_mode), `DRS ShowReplicationJob ${j.id}: no options.recovery_mode`);
    }
  }

  // IAM KeystoneListProjects with the domain-level credentials.
  const projects = await call('IAM KeystoneListProjects', get(iam, '/v3/projects'));
  if (projects) {
    walk('iam.KeystoneListProjectsResponse', projects, 'IAM KeystoneListProjects', false);
    check(projects.projects.some((p) => p.id === info.projectId), 'IAM KeystoneListProjects: the emulator\'s project is not listed');
  }

  // The signature is checked, not waved through: a wrong secret key is refused (once: no lockout). The core logs
  // every refused request with its headers; this refusal is expected, so its logger is quiet for it.
  require('@huaweicloud/huaweicloud-sdk-core/logger/log4jLogger').Logger4jInstance.level = 'off';
  const wrong = new core.BasicCredentials().withAk(info.accessKey).withSk('x'.repeat(40)).withProjectId(info.projectId);
  const bad = new ClientBuilder((c) => c).withCredential(wrong).withEndpoint(base).build();
  calls++;
  try {
    await get(bad, '/v2/{project_id}/migration-tasks', { limit: 1 })();
    check(false, 'a request signed with a wrong secret key was answered');
  } catch (e) {
    check(e.httpStatusCode === 401, `a wrong signature: status ${e.httpStatusCode}, 401 expected`);
  }

  console.log(`sdk-client: @huaweicloud/huaweicloud-sdk-rocketmq ${require('@huaweicloud/huaweicloud-sdk-rocketmq/package.json').version}, ` +
    `core ${require('@huaweicloud/huaweicloud-sdk-core/package.json').version}: ${calls} SDK calls, ${checks} checks, ${failures.length} failed`);
  for (const f of [...new Set(failures)].slice(0, 50)) console.log('FAIL ' + f);
  process.exitCode = failures.length === 0 ? 0 : 1;
}

main().catch((e) => {
  console.error('sdk-client: ' + (e.stack || e));
  process.exitCode = 1;
});
