/**
 * libphonenumber-js's "max" metadata, asked for on first use. In dist/ this module is replaced (build.mjs)
 * by one that parses the metadata from a JSON string on the first call: a thread that meets no phone-shaped
 * value (the CLI's, while lanes scan a file) then never builds the object, whose 0.9 MB made the CLI thread's
 * young generation grow at start and stay 5 MB larger for the whole scan.
 */
import metadataJson from "libphonenumber-js/metadata.max.json";

export function phoneMetadata(): typeof metadataJson {
  return metadataJson;
}
