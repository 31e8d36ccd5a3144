// How each language reads an environment variable, plus the import that reading needs.
import { classifyFile, envLookupTemplate, LANGUAGES, UNKNOWN_REASON, type Family } from '../../../shared/languages';
import { goOsImport, insertLineAfterLast, pythonOsImport } from './imports';
import type { EnvDestination, TextEdit, Unsupported } from './types';
import { edit, eolOf } from './text';

export interface EnvLookup {
  family: Family;
  /** An expression that evaluates to the variable's value where a value is expected. */
  expression: string;
  /** Edits elsewhere in the file the expression needs (an import, a Terraform variable block). */
  edits: TextEdit[];
  /** The variable name the runtime reads (Terraform reads TF_VAR_<name>). */
  name: string;
  destination: EnvDestination;
  note?: string;
}

const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Families without a fix, and the explanation the editor shows instead (from the language table). */
export const UNSUPPORTED_REASON: Partial<Record<Family, string>> = Object.fromEntries(
  LANGUAGES.filter((l) => l.noEnvLookup).map((l) => [l.family, l.noEnvLookup]),
);

export interface EnvLookupInput {
  text: string;
  languageId: string;
  filePath: string;
  name: string;
  /** The family the scan classified the file as (Finding.family); classified here when absent. */
  family?: Family;
}

/** What a family's lookup sees: the document, the variable, and the fields every answer shares. */
interface LookupQuery {
  text: string;
  name: string;
  languageId: string;
  filePath: string;
  base: Pick<EnvLookup, 'family' | 'edits' | 'name' | 'destination'>;
}

type FamilyLookup = (q: LookupQuery) => EnvLookup | Unsupported;

/** Vite and Deno code read env differently; follow what the file already does. */
const jsLookup: FamilyLookup = ({ text, name, base }) => {
  if (/\bimport\.meta\.env\b/.test(text) && !/\bprocess\.env\b/.test(text)) {
    return {
      ...base,
      expression: `import.meta.env.${name}`,
      note: /^VITE_/.test(name)
        ? 'Vite inlines VITE_ variables into the client bundle: a key there is public. Prefer calling the API from a server.'
        : 'Vite exposes only VITE_-prefixed variables to client code; read this key on a server instead of the browser.',
    };
  }
  if (/\bDeno\.env\b/.test(text)) return { ...base, expression: `Deno.env.get("${name}")` };
  return { ...base, expression: `process.env.${name}` };
};

const pythonLookup: FamilyLookup = ({ text, name, base }) => {
  const fromEnviron = /^from[ \t]+os[ \t]+import[ \t]+\(?[^\n#]*\benviron\b(?![ \t]+as)/m.test(text);
  if (fromEnviron && !/^import[ \t]+os\b/m.test(text)) return { ...base, expression: `environ["${name}"]` };
  const imp = pythonOsImport(text);
  return { ...base, expression: `${imp.ref}.environ["${name}"]`, edits: imp.edit ? [imp.edit] : [] };
};

const goLookup: FamilyLookup = ({ text, name, base }) => {
  const imp = goOsImport(text);
  if (!imp) return { unsupported: 'No package clause found: cannot add the "os" import.' };
  return { ...base, expression: `${imp.ref ? imp.ref + '.' : ''}Getenv("${name}")`, edits: imp.edit ? [imp.edit] : [] };
};

/** Without `using System;` (implicit usings are a project setting we cannot see) the qualified name always compiles. */
const csharpLookup: FamilyLookup = ({ text, name, base }) => {
  const hasUsing = /^[ \t]*(?:global[ \t]+)?using[ \t]+System[ \t]*;/m.test(text);
  return { ...base, expression: `${hasUsing ? '' : 'System.'}Environment.GetEnvironmentVariable("${name}")` };
};

const cLookup: FamilyLookup = ({ text, name, languageId, filePath, base }) => {
  const cpp = /^(cpp|objective-cpp)$/.test(languageId) || /\.(cc|cpp|cxx|hpp|hh|hxx|mm)$/i.test(filePath);
  const has = /^[ \t]*#[ \t]*include[ \t]*[<"](stdlib\.h|cstdlib)[>"]/m.test(text);
  const edits = has ? [] : [insertLineAfterLast(text, /^[ \t]*#[ \t]*include\b/, cpp ? '#include <cstdlib>' : '#include <stdlib.h>', /^[ \t]*(\/\/|\/\*|\*)/)];
  return { ...base, expression: `${cpp ? 'std::' : ''}getenv("${name}")`, edits };
};

const swiftLookup: FamilyLookup = ({ text, name, base }) => {
  const has = /^[ \t]*import[ \t]+(Foundation|UIKit|AppKit|SwiftUI|Cocoa)\b/m.test(text);
  const edits = has ? [] : [insertLineAfterLast(text, /^[ \t]*import[ \t]+\w/, 'import Foundation', /^[ \t]*\/\//)];
  return { ...base, expression: `(ProcessInfo.processInfo.environment["${name}"] ?? "")`, edits };
};

const dartLookup: FamilyLookup = ({ text, name, base }) => {
  const has = /^[ \t]*import[ \t]+['"]dart:io['"]/m.test(text);
  const edits = has ? [] : [insertLineAfterLast(text, /^[ \t]*(import|library)\b/, "import 'dart:io';", /^[ \t]*\/\//)];
  return { ...base, expression: `Platform.environment['${name}']!`, edits };
};

/** Terraform reads TF_VAR_<name> into var.<name>; a sensitive variable keeps it out of plan output. */
const terraformLookup: FamilyLookup = ({ text, name, base }) => {
  const tfName = name.toLowerCase();
  const edits: TextEdit[] = [];
  if (!new RegExp(`^[ \\t]*variable[ \\t]+"${tfName}"`, 'm').test(text)) {
    const eol = eolOf(text);
    const lead = text.length && !/\n$/.test(text) ? eol : '';
    const block = `${lead}${text.length ? eol : ''}variable "${tfName}" {${eol}  type      = string${eol}  sensitive = true${eol}}${eol}`;
    edits.push(edit(text, text.length, text.length, block));
  }
  return { ...base, expression: `var.${tfName}`, edits, name: `TF_VAR_${tfName}`, note: `Terraform reads TF_VAR_${tfName} from the environment; export it (Terraform does not load .env files).` };
};

const jsonLookup: FamilyLookup = ({ filePath }) => {
  if (/(^|\/)appsettings(\.[\w-]+)?\.json$/i.test(filePath.replace(/\\/g, '/'))) {
    return { unsupported: 'appsettings.json cannot hold a reference, but ASP.NET Core lets an environment variable override any setting: remove the value here and set Section__Key (double underscore per level) in the environment or user-secrets.' };
  }
  return { unsupported: UNSUPPORTED_REASON.json! };
};

/** Rails-style YAML (database.yml, storage.yml ...) runs through ERB first: follow the file. */
const yamlLookup: FamilyLookup = ({ text, name, base }) => {
  if (/<%=/.test(text)) return { ...base, expression: `<%= ENV.fetch("${name}") %>` };
  return { unsupported: UNSUPPORTED_REASON.yaml! };
};

/** CI pipelines read their own secret stores: the value goes there, not to a local .env. */
const ciLookup = (destination: EnvDestination, note: (name: string) => string): FamilyLookup => ({ name, base }) => ({
  ...base,
  expression: envLookupTemplate(base.family, name)!,
  destination,
  note: note(name),
});

/** Families whose lookup depends on the document; every other family uses its language-table template. */
const LOOKUPS: Partial<Record<Family, FamilyLookup>> = {
  js: jsLookup,
  notebook: pythonLookup,
  python: pythonLookup,
  go: goLookup,
  csharp: csharpLookup,
  c: cLookup,
  swift: swiftLookup,
  dart: dartLookup,
  terraform: terraformLookup,
  'env-example': ({ base }) => ({ ...base, expression: '', note: 'Example env files are committed: the value moves to .env and the example keeps an empty entry.' }),
  'gitlab-ci': ciLookup('gitlab-variables', (n) => `Add ${n} as a masked variable under Settings > CI/CD > Variables; pipelines cannot read a local .env.`),
  json: jsonLookup,
  yaml: yamlLookup,
  'github-actions': ciLookup('github-secrets', (n) => `Add ${n} under Settings > Secrets and variables > Actions; workflows cannot read a local .env.`),
};

/** The lookup expression for `name` in this document, or why there is none. */
export function envLookup(input: EnvLookupInput): EnvLookup | Unsupported {
  const { text, languageId, filePath, name } = input;
  if (!NAME_RE.test(name)) return { unsupported: `"${name}" is not a usable environment variable name (letters, digits and _ only).` };
  const family = input.family ?? classifyFile(filePath, languageId);
  const base = { family, edits: [] as TextEdit[], name, destination: 'env-file' as EnvDestination };
  const lookup = LOOKUPS[family];
  if (lookup) return lookup({ text, name, languageId, filePath, base });
  const e = envLookupTemplate(family, name);
  if (e) return { ...base, expression: e };
  return { unsupported: UNSUPPORTED_REASON[family] ?? UNKNOWN_REASON };
}
