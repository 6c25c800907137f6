// Kysely types of the user, session and API-token tables (see the access migration).

export interface UserRow {
  id: string;
  username: string;
  display_name: string | null;
  password_hash: string | null;
  is_admin: number;
  disabled: number;
  failed_sign_ins: number;
  locked_until: string | null;
  last_sign_in_at: string | null;
  created_at: string;
  /** Where the password lives: 'local' (hash here), 'ldap' or 'oidc' (the directory; no hash here). */
  auth_source: string;
  /** OpenID Connect accounts: `<issuer> <subject>`; null otherwise. */
  external_id: string | null;
}

export interface SessionRow {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  source_address: string | null;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface ApiTokenRow {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  /** null: never expires. */
  expires_at: string | null;
  /** 1: this token may create further tokens. */
  may_create_tokens: number;
}

/** An OpenID Connect sign-in under way: between the redirect to the provider and its callback. */
export interface OidcSignInRow {
  state_hash: string;
  /** SHA-256 of the random value in the browser's sign-in cookie: only the browser that began may finish. */
  browser_hash: string;
  code_verifier: string;
  nonce: string;
  return_to: string;
  created_at: string;
  expires_at: string;
}

export interface AuthTables {
  users: UserRow;
  oidc_sign_ins: OidcSignInRow;
  sessions: SessionRow;
  api_tokens: ApiTokenRow;
}
