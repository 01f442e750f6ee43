// `npm run manifest` writes custom-elements.json; src/custom-elements-manifest.test.ts keeps it
// current. The Lit plugin reads `static properties`; this config keeps only the public surface.

/** True for what a page must not rely on: `#private` and `_state` members, and their attributes. */
const internal = (name) => name.startsWith('#') || (name.startsWith('_') && name !== '_lang');

export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/*.test-support.ts'],
  outdir: '.',
  litelement: true,
  plugins: [
    {
      name: 'izinli-public-surface',
      packageLinkPhase({ customElementsManifest }) {
        for (const mod of customElementsManifest.modules) {
          for (const declaration of mod.declarations ?? []) {
            if (!declaration.customElement) continue;
            declaration.members = declaration.members?.filter(
              (m) => !/^[_#]/.test(m.name) && m.privacy !== 'private',
            );
            declaration.attributes = declaration.attributes
              ?.filter((a) => !internal(a.fieldName ?? a.name))
              // `lang` is observed through `_lang`; the page uses the standard `lang` property.
              .map(({ fieldName, ...a }) => (fieldName === '_lang' ? a : { ...a, fieldName }));
            // Only the documented @fires: internal dispatches are picked up by name otherwise.
            declaration.events = declaration.events?.filter((e) => e.name.startsWith('izinli-'));
          }
        }
      },
    },
  ],
};
