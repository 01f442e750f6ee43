/**
 * A random UUID v4 for a capture. `crypto.randomUUID` needs a secure context, which every page
 * that may post captures is: a site's allowed origins are https, or http only for localhost.
 */
export const newId = (): string => crypto.randomUUID();
