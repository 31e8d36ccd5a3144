// Hostile inputs for the engine, shared by the linear-work test (robustness.test.ts) and the speed
// bench (bench/hostile.bench.ts): `make(n)` builds about n characters; `size` is the bench's size.
import { K } from './helpers';

export interface Hostile {
  name: string;
  make(n: number): string;
  size: number;
}

const rep = (chunk: string, n: number) => chunk.repeat(Math.max(1, Math.ceil(n / chunk.length)));

export const HOSTILE: Hostile[] = [
  // Keyword density of real bundles: about one credential word per 100-150 characters.
  { name: 'single minified line', size: 10_000_000, make: (n) => rep('var a=function(t,e){return t.apiKey?e(t):null},b=[1,2,3].map(function(n){return n*2}),c={width:10,height:20,visible:!0};', n) },
  // Worst case: a credential word every 15 characters.
  { name: 'minified line, keyword-dense', size: 1_000_000, make: (n) => rep('var a=function(t){return t.key+"-"+t.token},b={apiKey:c,secret:d,auth:e};if(x&&y){z[key]=password}', n) },
  { name: 'one line of "', size: 1_000_000, make: (n) => '"'.repeat(n) },
  { name: 'one line of =', size: 1_000_000, make: (n) => '='.repeat(n) },
  { name: 'a= repeated', size: 1_000_000, make: (n) => rep('a=', n) },
  { name: 'api_key= repeated', size: 1_600_000, make: (n) => rep('api_key=', n) },
  { name: 'key: repeated on one line', size: 1_500_000, make: (n) => rep('key: ', n) },
  { name: 'deep quotes', size: 900_000, make: (n) => rep('"\'`', n) + `api_key = "${K}"` },
  { name: 'deep brackets before params', size: 200_000, make: (n) => '{'.repeat(n) + 'params: { api_key: k }' },
  { name: 'many short lines with keywords', size: 3_000_000, make: (n) => rep('const apiKey = getKey(token);\n', n) },
  { name: '?api_key= repeated (one finding per 9 chars)', size: 180_000, make: (n) => rep('?api_key=', n) },
  { name: 'BEGIN markers without END', size: 1_600_000, make: (n) => rep('-----BEGIN RSA PRIVATE KEY-----\n', n) },
];
