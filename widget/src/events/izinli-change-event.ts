import type { Channel } from '@izinli/core';

/**
 * The person ticked or unticked a box. `channels` holds every channel box shown and
 * `purposes` every purpose box, each `true` when ticked; `valid` is the element's validity now.
 */
export class IzinliChangeEvent extends Event {
  declare readonly channels: Partial<Record<Channel, boolean>>;
  declare readonly purposes: Record<string, boolean>;
  declare readonly valid: boolean;

  constructor(
    channels: Partial<Record<Channel, boolean>>,
    purposes: Record<string, boolean>,
    valid: boolean,
  ) {
    super('izinli-change', { bubbles: true, composed: true });
    Object.assign(this, { channels, purposes, valid });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'izinli-change': IzinliChangeEvent;
  }
}
