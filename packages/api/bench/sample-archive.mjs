// The sample archive (S3 and DANDI emulators) in a process of its own, so the API's process under load does only the
// API's work and its RSS is the API's: reports { api, s3 } once listening, stops when asked over IPC.
import { startSampleArchive } from '@ember-archive/sample-archive';

const sample = await startSampleArchive();
process.on('message', async (message) => {
  if (message === 'stop') {
    await sample.close();
    process.exit(0);
  }
});
process.send({ api: sample.api, s3: sample.s3 });
