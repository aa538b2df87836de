// Query a SPARQL endpoint with Comunica (@comunica/query-sparql 4.5.0), as its users do, and print
// the bindings as JSON: node comunica-query.mjs <endpoint> <query>
import { QueryEngine } from '@comunica/query-sparql';

const [endpoint, query] = process.argv.slice(2);
const engine = new QueryEngine();
const stream = await engine.queryBindings(query, { sources: [{ type: 'sparql', value: endpoint }], lenient: false });
const rows = await stream.toArray();
const out = rows.map((b) => Object.fromEntries([...b].map(([k, v]) => [k.value, v.value])));
process.stdout.write(JSON.stringify(out) + '\n');
