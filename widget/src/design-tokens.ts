// The widget's design tokens: each `--izinli-*` custom property a page may set, behind a private
// `--_*` name with the widget's default. Text and background default to the page canvas's system
// colours, the other colours to `light-dark()` pairs, so all follow the `color-scheme` the page
// declares. The widget declares them on its host (consent-styles.ts), the admin console on its
// page's root, so one theme styles both.

/**
 * Marks a template as CSS for the build, which compacts it (rollup-minify-templates.js). Lit's
 * `css` tag checks interpolated values, which costs bytes constant text does not need; the raw
 * text keeps a CSS escape as written.
 */
export const css = String.raw;

/** The declarations without a selector: each stylesheet puts them on its own root. */
export const designTokens = css`
  --_text: var(--izinli-color-text, CanvasText);
  --_muted: var(--izinli-color-muted, light-dark(#57606a, #a0a9b4));
  --_bg: var(--izinli-color-background, Canvas);
  --_border: var(--izinli-color-border, light-dark(#6e7781, #7d8590));
  --_accent: var(--izinli-color-accent, light-dark(#0a58ca, #6cb6ff));
  --_error: var(--izinli-color-error, light-dark(#b3261e, #ff9b8f));
  --_radius: var(--izinli-radius, 0.5rem);
  --_gap: var(--izinli-gap, 0.75rem);
`;
