// The text `izinli --help` prints: every command with its options.

export const HELP = `izinli — set up and run an izinli server, keep its notices, verify receipts and logs

Usage:
  izinli init --site-key <key> --origin <url>... --iys-code <n> [--brand-code <n>]
              [--iys-username <name>] [--iys-password-env <NAME>] [--public-url <url>]
              [--dir <dir>] [--yes] [--json] [--force] [--lang tr|en]
      Make izinli.config.json, notice templates (notices/*.md), a signing key and an admin
      token in <dir> (default: here), and print the token and the snippet for your form.
      Asks for what is missing unless --yes; --json prints one JSON object.
  izinli start [--config <file>]
      Run the server. Every environment variable of the server's README applies; SQLite in
      the data folder beside the config unless DATA_DIR or DATABASE_URL. SIGHUP reloads the config.
  izinli config check [--config <file>] [--json] [--lang tr|en]
      Check the config as the server would and name every problem (exit 1 if any).
  izinli migrate [--data-dir <dir>] [--database-url <url>]
      Bring the database schema up to date and do nothing else (deploy pipelines).
  izinli notice add <file> --id <id> --kind aydinlatma|etk|riza [--locale tr|en]
                    [--title <title>] [--site <key>] [--config <file>]
      Add a notice whose text is <file> (plain text, UTF-8); izinli hashes and versions it.
  izinli notice bump <id> [--locale tr|en] [--site <key>] [--config <file>]
      Record the changed text of a notice's file as its next version now (the server also
      does it when it starts or reloads).
  izinli verify receipt <file|-> --jwks <file|url> [--json] [--lang tr|en]
      Verify a receipt (a compact JWS, or JSON with a "receipt" field) against a JWKS,
      e.g. https://your-server/.well-known/jwks.json.
  izinli verify bundle <file|-> [--jwks <file|url>] [--json] [--lang tr|en]
      Verify a recipient's evidence bundle (the admin console's JSON file) as it is: every
      receipt in it, one line per record, and every evidence file (scan, recording) against
      the SHA-256 its record names. Without --jwks the bundle's own JWKS is used, with a
      warning: pass your server's /.well-known/jwks.json to check it independently.
  izinli verify log <file|-> [--jwks <file|url>] [--json] [--lang tr|en]
      Verify an exported log: every site's hash chain, records, receipts and checkpoints.
      Without --jwks the export's own JWKS is used, with a warning.
  izinli verify timestamp <day.tsr> <day.csv> --ca <tsa.pem> [--json]
      Verify İYS's RFC 3161 time stamp of a reconciled day's file (both from the admin API's
      /v1/admin/reconciliation/…/timestamp and …/file) against the TSA's certificate(s).
  izinli keys rotate [--data-dir <dir>]
      Make a new signing key; the old public key stays in the JWKS. Restart the server after.
  izinli export [--site <key>]... [--out <file>] [--json] [--data-dir <dir>]
               [--database-url <url>]
      Write the log of every site (or of the --site ones) as JSON Lines.
  izinli purge [--dry-run] [--json] [--config <file>] [--data-dir <dir>] [--database-url <url>]
      Remove the personal data of records past their site's retention (A14, B10); the hash
      chain keeps verifying. --dry-run only counts. The sites' retention is read from the config.
  izinli import <file.csv> [--dry-run] [--site <key>] [--source <HS_…>] [--json]
                [--config <file>] [--data-dir <dir>] [--database-url <url>]
      Record consents collected away from the widget (paper forms, a call centre's export)
      from a CSV (docs/sources.md#import): each row checked as İYS would; --dry-run lists every
      bad row and writes nothing; a second run of the same file records nothing new.
  izinli token [<label>]
      Make an admin bearer token: give the token to its holder, put the adminTokens entry
      (its SHA-256) in the config file. The server never stores the token itself.
  izinli --version
      Print the version of @izinli/server.

Options:
  --jwks          a JWKS file or http(s) URL: the public keys signatures are checked with
  --json          print the result as JSON; export, verify log and purge also write their
                  progress to stderr as JSON lines ({"type":"progress",…})
  --ca            verify timestamp: the time-stamping authority's certificate(s), PEM
  --lang          the language of messages (default: from $LANG, else en)
  --site          export: only this site, repeat for several; notice, import: the site
  --source        import: the İYS source of rows whose source column is empty
  --out           write the export to this file (created readable by its owner only)
  --data-dir      the server's data folder (default: $DATA_DIR, else ./data)
  --database-url  PostgreSQL URL (default: $DATABASE_URL, else SQLite in the data folder)
  --dry-run       purge: count what is due; import: list bad rows; both change nothing
  --config        the server's config file (default: $IZINLI_CONFIG, else ./izinli.config.json)
  -h, --help      show this help

On a terminal, export, verify log and purge show a progress bar on stderr.

Exit codes: 0 verified / done, 1 verification or check failed, 2 usage or input error.
`;
