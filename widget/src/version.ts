/** The widget's version, sent in every capture as `widgetVersion`; version.test.ts keeps it equal to package.json. */
export const WIDGET_VERSION = '0.1.0';
