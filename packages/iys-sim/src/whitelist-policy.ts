/**
 * What a gateway in front of İYS answers an IP it does not let through: HTML, not İYS's JSON,
 * since the request never reaches İYS.
 */
export const GATEWAY_FORBIDDEN_HTML =
  '<html>\r\n<head><title>403 Forbidden</title></head>\r\n<body>\r\n<center><h1>403 Forbidden</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

/** The allowed-IP policy: which IPs İYS whitelisted, and whether the 70 % rule removes them. */
export interface WhitelistPolicy {
  /** IPs let through; null lets every IP through (İYS's whitelist is not modelled). */
  allowedIps: string[] | null;
  /**
   * Whether an IP still under the success-ratio warning 96 h after it was raised is taken off
   * the whitelist (İYS's rule: ≥ 20,000 requests in 24 h, < 70 % successful). Default false:
   * reported in `/__sim/stats` only.
   */
  enforceDelisting: boolean;
}

/** Every IP let through, none delisted: İYS's whitelist left out. */
export const OPEN_WHITELIST: Readonly<WhitelistPolicy> = Object.freeze({
  allowedIps: null,
  enforceDelisting: false,
});
