// Extensions whose files are binary in practice: the walker reports them as skipped without
// opening them. Content sniffing (readTextFile) still catches binaries with other names.
export const BINARY_EXTENSIONS: ReadonlySet<string> = new Set([
  // images
  'png', 'jpg', 'jpeg', 'gif', 'bmp', 'ico', 'icns', 'webp', 'avif', 'tif', 'tiff', 'psd', 'heic',
  // audio / video
  'mp3', 'mp4', 'm4a', 'm4v', 'wav', 'ogg', 'oga', 'flac', 'aac', 'webm', 'mov', 'avi', 'mkv',
  // fonts
  'woff', 'woff2', 'ttf', 'otf', 'eot',
  // archives and packages
  'zip', 'gz', 'tgz', 'bz2', 'xz', 'zst', '7z', 'rar', 'tar', 'jar', 'war', 'ear', 'apk', 'aab',
  'ipa', 'deb', 'rpm', 'dmg', 'iso', 'nupkg', 'whl', 'vsix', 'crx', 'xpi',
  // compiled code and objects
  'exe', 'dll', 'so', 'dylib', 'a', 'lib', 'o', 'obj', 'class', 'pyc', 'pyo', 'wasm', 'node', 'pdb',
  // documents and data stores
  'pdf', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'odt', 'ods', 'sqlite', 'sqlite3', 'db',
  'mdb', 'parquet', 'avro', 'orc', 'npy', 'npz', 'pkl', 'h5', 'onnx', 'pt', 'safetensors', 'bin',
]);

/** Lower-case extension without the dot, or '' (".bashrc" has none). */
export function extensionOf(name: string): string {
  const slash = name.lastIndexOf('/');
  const dot = name.lastIndexOf('.');
  if (dot <= slash + 1) return '';
  return name.slice(dot + 1).toLowerCase();
}

export function hasBinaryExtension(name: string): boolean {
  const ext = extensionOf(name);
  return ext !== '' && BINARY_EXTENSIONS.has(ext);
}
