// The server under load, in its own process so its RSS is its own: the API on loopback, over the sample archive
// named by EMBER_API_URL and EMBER_S3_ENDPOINT (load.mjs runs it in a third process, sample-archive.mjs) or, without
// them, started here. Reports { url, listId, poseId, bareUrl } once listening, and its RSS whenever asked over IPC.
// bareUrl is a bare node:http server in this process answering the bytes of load.mjs's pose window from memory: the
// least any route can cost on this machine.
import http from 'node:http';
import { loadConfig } from '@ember-archive/core';
import { startSampleArchive } from '@ember-archive/sample-archive';
import { startServer } from '../dist/node.js';

const external = process.env.EMBER_API_URL !== undefined && process.env.EMBER_S3_ENDPOINT !== undefined;
const sample = external
  ? { api: process.env.EMBER_API_URL, s3: process.env.EMBER_S3_ENDPOINT, close: async () => undefined }
  : await startSampleArchive();
const server = await startServer(loadConfig({ EMBER_API_URL: sample.api, EMBER_S3_ENDPOINT: sample.s3 }), { port: 0 });
const listId = 'dandi://ember-dandi/000472@draft/sub-MANY01/trials/';
const pose = await (
  await fetch(
    `${server.url}/v1/list?${new URLSearchParams({ id: 's3://ember-open-data/other/kumar2025/pose_files/' })}`,
  )
).json();
const poseId = pose.entries.find((e) => e.name.endsWith('_v5.h5')).uri;
const poseBytes = Buffer.from(
  await (
    await fetch(
      `${server.url}/v1/pose?${new URLSearchParams({ id: poseId, start: '0', end: '150', points: '200' })}&format=bin`,
    )
  ).arrayBuffer(),
);
const bare = http.createServer((_, response) => {
  response.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': poseBytes.length });
  response.end(poseBytes);
});
await new Promise((resolve) => bare.listen(0, '127.0.0.1', resolve));
const bareUrl = `http://127.0.0.1:${bare.address().port}/`;
process.on('message', async (message) => {
  if (message === 'rss') process.send({ rss: process.memoryUsage().rss });
  if (message === 'stop') {
    bare.close();
    await server.close();
    await sample.close();
    process.exit(0);
  }
});
process.send({ url: server.url, listId, poseId, bareUrl, apiUrl: sample.api, s3: sample.s3 });
