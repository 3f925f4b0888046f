// The config file (`--config FILE`, JSON or YAML): settings an operator keeps in one place. Issue-by-issue it
// grows (the HTTP server's limits and probe allowlist join it); unknown keys are refused, so a typo is loud.
import { Type, type Static } from '@sinclair/typebox';

export const ServerConfigSchema = Type.Object(
  {
    host: Type.Optional(Type.String({ minLength: 1, description: 'Address to listen on (default 127.0.0.1; --host overrides).' })),
    port: Type.Optional(Type.Integer({ minimum: 0, maximum: 65535, description: 'Port to listen on (default 3000; --port overrides).' })),
    bodyLimit: Type.Optional(Type.Integer({ minimum: 1024, description: 'Largest request body in bytes (default 262144, 256 KiB); larger ones get 413.' })),
    rateLimit: Type.Optional(
      Type.Object(
        {
          max: Type.Integer({ minimum: 1, description: 'Requests one client (by address) may make per window.' }),
          windowMs: Type.Integer({ minimum: 1000, description: 'The window, in ms.' }),
        },
        { additionalProperties: false, description: 'Per-client rate limit on every route (default 60 requests per 60 s); more get 429.' },
      ),
    ),
    trustProxy: Type.Optional(
      Type.Union([Type.Boolean(), Type.Array(Type.String({ minLength: 1 }))], {
        description:
          'Behind a reverse proxy: trust its X-Forwarded-For (true: any proxy; or a list of proxy addresses/CIDRs), so the rate limit and the logs see each client, not the proxy.',
      }),
    ),
    requestTimeoutMs: Type.Optional(
      Type.Integer({ minimum: 1000, description: 'Time a request may take from its first byte to the answer (default 75000: a 60 s probe deadline fits).' }),
    ),
    overload: Type.Optional(
      Type.Object(
        {
          maxEventLoopDelayMs: Type.Optional(
            Type.Integer({ minimum: 0, description: "Shed while the event loop's mean delay over the last sample is above this, in ms (default 200; 0: off)." }),
          ),
          maxHeapUsedBytes: Type.Optional(Type.Integer({ minimum: 0, description: "Shed while the V8 heap in use is above this, in bytes (default 85 % of V8's heap limit; 0: off)." })),
          retryAfterSeconds: Type.Optional(Type.Integer({ minimum: 1, maximum: 3600, description: 'The Retry-After of a 503, in seconds (default 2).' })),
          sampleIntervalMs: Type.Optional(
            Type.Integer({ minimum: 50, maximum: 60_000, description: 'How often the event loop and heap are sampled, in ms (default 500; at least 50: the delay monitor ticks every 10 ms).' }),
          ),
        },
        {
          additionalProperties: false,
          description: 'Load shedding: while the server is overloaded, new requests get 503 with Retry-After at once; requests already accepted finish. /healthz keeps answering 200.',
        },
      ),
    ),
    probes: Type.Optional(
      Type.Object(
        {
          allow: Type.Array(
            Type.Union([
              Type.String({ minLength: 1 }),
              Type.Object(
                {
                  host: Type.String({ minLength: 1 }),
                  ports: Type.Optional(
                    Type.Array(Type.Union([Type.Integer({ minimum: 1, maximum: 65535 }), Type.String({ minLength: 1, maxLength: 32 })]), {
                      description: 'More ports to open on this entry: 14330, "50000-50100" (TCP) or "1435/udp" (a SQL Browser elsewhere).',
                    }),
                  ),
                },
                { additionalProperties: false },
              ),
            ]),
            {
              description:
                'Hosts (db01.corp.example), wildcard names (*.corp.example), IP addresses and CIDR networks requests may probe, each at 1433/tcp and the SQL Browser\'s 1434/udp; `{ host, ports }` opens more ports on one entry. Loopback, link-local (cloud metadata) and other special addresses need an entry inside their own range, e.g. 127.0.0.1/32.',
            },
          ),
        },
        { additionalProperties: false, description: 'Live probes from the server, off unless listed here (an SSRF guard).' },
      ),
    ),
  },
  { additionalProperties: false, description: 'Settings of `mssql-doctor serve`.' },
);
export type ServerConfig = Static<typeof ServerConfigSchema>;

export const ConfigSchema = Type.Object(
  {
    rules: Type.Optional(
      Type.Array(Type.String({ minLength: 1 }), {
        description: 'Rule directories or files loaded after the built-in rules, relative to the config file.',
      }),
    ),
    server: Type.Optional(ServerConfigSchema),
  },
  {
    $id: 'https://mssql-doctor.dev/schemas/config.schema.json',
    title: 'mssql-doctor config file',
    additionalProperties: false,
  },
);

export type DoctorConfig = Static<typeof ConfigSchema>;
