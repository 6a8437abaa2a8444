/** Everything the HTTP layer can be tuned with. The CLI fills it from flags and environment variables. */
export interface ServerConfig {
  /** Requests per minute allowed per secret key; 0 turns the limit off. */
  secretKeyRateLimit: number;
  /** Requests per minute allowed per public key; 0 turns the limit off. */
  publicKeyRateLimit: number;
  /** How long a looked-up key is trusted before it is read again, so a revocation elsewhere takes effect. */
  keyCacheMs: number;
  /** How often new signals are screened in the background (latest vote wins, abuse filter); 0 turns it off. */
  screenEveryMs: number;
  /** How often days whose rollups changed get their daily pair rollups rebuilt (docs/analysis.md); 0 turns it off. */
  dayPairsEveryMs: number;
  /** How often each project's retention period is applied (docs/privacy.md); 0 turns it off. */
  retentionEveryMs: number;
  /** How often new interactions are checked for rephrased follow-ups (docs/themes.md); 0 turns it off. */
  rephraseEveryMs: number;
  /** The built dashboard served at `/` (index.html and assets/); default: the @feedloop/dashboard package's. */
  dashboardDir?: string;
  /** How often new negative feedback joins the latest themes in the background; 0 turns it off. */
  themeAssignEveryMs: number;
  /** Log level for the server's own log lines. */
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'silent';
}

export const DEFAULT_SERVER_CONFIG: ServerConfig = {
  secretKeyRateLimit: 600_000,
  publicKeyRateLimit: 6_000,
  keyCacheMs: 5_000,
  screenEveryMs: 30_000,
  dayPairsEveryMs: 60_000,
  themeAssignEveryMs: 300_000,
  retentionEveryMs: 86_400_000,
  rephraseEveryMs: 60_000,
  logLevel: 'warn',
};
