// How a store class is made of its ports' implementations: each implementation is a plain object
// of functions over a shared database handle, and the class's instances carry all their members,
// so wiring code gets every port from one object while each port stays its own file.

/** A base class whose constructor copies the members of `ports` onto the instance. */
export function composedOf<P extends object>(): new (ports: P) => P {
  // eslint-disable-next-line @typescript-eslint/no-extraneous-class -- a class, so the stores can extend it
  return class {
    constructor(ports: P) {
      Object.assign(this, ports);
    }
  } as unknown as new (ports: P) => P;
}
