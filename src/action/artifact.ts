/** Uploading the report bundle as one artifact (immutable, named uniquely per job, matrix leg and attempt). */
import { DefaultArtifactClient } from "@actions/artifact";

export async function uploadBundle(options: {
  name: string;
  dir: string;
  files: readonly string[];
}): Promise<{ id: number | undefined; digest: string | undefined }> {
  const client = new DefaultArtifactClient();
  const result = await client.uploadArtifact(options.name, [...options.files], options.dir, { retentionDays: 0 });
  return { id: result.id, digest: result.digest };
}
