// `npm start`: launches what is built so far. The server, widget and demo page land in later
// issues; until then this says so plainly and exits cleanly.
const parts = [
  ['@izinli/core', 'packages/core', true],
  ['@izinli/server', 'server', false],
  ['@izinli/widget', 'widget', false],
];
console.log('izinli — consent capture for Turkish sites\n');
for (const [name, dir, built] of parts) {
  console.log(
    `  ${built ? '✓' : '·'} ${name.padEnd(16)} ${built ? 'ready' : `not built yet (${dir}/)`}`,
  );
}
console.log(
  '\nThe demo page at http://localhost:8787/ arrives with the server. Run `npm test` to see what works.',
);
