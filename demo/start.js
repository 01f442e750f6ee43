// `npm start`: says what is built so far and how to run it. The server, widget and demo page land
// in later issues; until then this says so plainly and exits cleanly.
import { existsSync } from 'node:fs';

const root = new URL('../', import.meta.url);
const built = (file) => existsSync(new URL(file, root));
const parts = [
  [
    '@izinli/core',
    built('packages/core/dist/index.js'),
    'schemas, recipients, İYS dates, business days',
  ],
  ['@izinli/iys', built('packages/iys/dist/index.js'), 'typed İYS client'],
  ['@izinli/iys-sim', built('packages/iys-sim/dist/cli.js'), 'İYS simulator'],
  ['@izinli/server', built('server/dist/main.js'), 'capture server'],
  ['@izinli/widget', built('widget/dist/izinli.js'), '<izinli-consent> element'],
];

console.log('izinli — consent capture for Turkish sites\n');
for (const [name, ready, what] of parts) {
  console.log(`  ${ready ? '✓' : '·'} ${name.padEnd(16)} ${ready ? what : 'not built yet'}`);
}
console.log(`
Try the İYS simulator now:   npx izinli-iys-sim --port 8788   (login demo / demo)
The demo signup page at http://localhost:8787/ arrives with the server and the widget.
Run \`npm test\` to see what works.`);
