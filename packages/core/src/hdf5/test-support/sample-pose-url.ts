// Test helper: the URL of a pose file in the sample archive's bucket, found by listing it as any S3 client would.

/** The largest pose file of the sample bucket's kumar2025 project, as a path-style object URL. */
export async function samplePoseUrl(archive: { s3: string; bucket: string }): Promise<string> {
  const prefix = 'other/kumar2025/pose_files/';
  const listing = await (
    await fetch(`${archive.s3}/${archive.bucket}?list-type=2&prefix=${encodeURIComponent(prefix)}`)
  ).text();
  const objects = [...listing.matchAll(/<Key>([^<]+)<\/Key>.*?<Size>(\d+)<\/Size>/g)].map((m) => ({
    key: m[1]!,
    size: Number(m[2]),
  }));
  const pose = objects.filter((o) => o.key.endsWith('.h5')).sort((a, b) => b.size - a.size)[0];
  if (!pose) throw new Error(`The sample bucket lists no pose file under ${prefix}.`);
  const key = pose.key.replaceAll('&amp;', '&');
  return `${archive.s3}/${archive.bucket}/${key.split('/').map(encodeURIComponent).join('/')}`;
}
