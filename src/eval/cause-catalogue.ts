// The cause ids named in ARCHITECTURE.md's catalogue, so corpus labels can name causes no rule infers yet.
/**
 * Kept apart from the rule pack on purpose: the corpus measures the rules, so its labels must be
 * allowed to name causes the rules do not (yet) know. Ids only ever get added (renames keep an alias).
 */
export const CATALOGUE_CAUSE_IDS = [
  // Reachability
  'port_mismatch',
  'client_alias_override',
  'service_not_running',
  'tcp_protocol_disabled',
  'other_process_on_port',
  'listening_on_other_address',
  'firewall_blocking',
  'host_unreachable',
  'wrong_host',
  'dns_resolution_failure',
  'localhost_ipv6_mismatch',
  'browser_unreachable',
  'wrong_instance_name',
  'named_pipes_unavailable',
  'server_starting',
  'localdb_requires_named_pipes',
  'connection_string_syntax',
  // Handshake and TLS
  'tls_certificate_untrusted',
  'tls_certificate_name_mismatch',
  'tls_version_mismatch',
  'encrypt_setting_mismatch',
  'not_sql_server',
  // Authentication and database
  'login_wrong_password',
  'login_unknown_user',
  'login_disabled',
  'password_expired',
  'password_must_change',
  'sql_auth_disabled',
  'windows_login_with_sql_auth',
  'login_no_server_access',
  'default_database_unavailable',
  'database_not_found',
  'database_access_denied',
  'untrusted_domain',
  'kerberos_spn_problem',
  'entra_auth_misconfigured',
  'azure_firewall_rule_missing',
  'azure_public_access_disabled',
  'sa_password_policy_rejected',
  // Resources
  'pool_exhausted',
  'server_connection_limit',
  'login_timeout_slow_server',
] as const;
