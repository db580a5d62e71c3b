/**
 * A self-signed certificate for 127.0.0.1 and localhost (EC P-256, valid until 2126), for fake
 * vendor servers that speak HTTPS: appliances (firewalls, EDR managers, TheHive on premises)
 * often use self-signed certificates, and plugins must be tested with and without verification.
 * The key is a test fixture, published on purpose: never use it for anything else.
 */
export const SELF_SIGNED_CERT = `-----BEGIN CERTIFICATE-----
MIIBnDCCAUGgAwIBAgIUc+ak+8hqbero5Ydvrd5vdA8LMkgwCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJMTI3LjAuMC4xMCAXDTI2MTIwMTEwMDYyM1oYDzIxMjYxMTA3
MTAwNjIzWjAUMRIwEAYDVQQDDAkxMjcuMC4wLjEwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAATnfPtMh5HaiV21LuINPThqO5sldKI4o4Mhn93u86SG4/82yDFFfjKj
21T0Lux9QXhn+Z5KbT5IvIWZBPqaaFCJo28wbTAdBgNVHQ4EFgQU2oVn1y1oR5De
j431tRA6MoMIGtswHwYDVR0jBBgwFoAU2oVn1y1oR5Dej431tRA6MoMIGtswDwYD
VR0TAQH/BAUwAwEB/zAaBgNVHREEEzARhwR/AAABgglsb2NhbGhvc3QwCgYIKoZI
zj0EAwIDSQAwRgIhAMkWT1G3pXnZMLOG37wk5LKlU1P0kbVEKJ+hvQJo2j8xAiEA
iULiAdN2vgdZQ9JeuvthCVkvG6oGaSppzmPJF82phEg=
-----END CERTIFICATE-----
`;

/** The private key of {@link SELF_SIGNED_CERT} (test-only). */
export const SELF_SIGNED_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgu8p2V8pGe6YLGCvB
zeIO6OOLHO6PQ8bFyj0ZxRy2DW2hRANCAATnfPtMh5HaiV21LuINPThqO5sldKI4
o4Mhn93u86SG4/82yDFFfjKj21T0Lux9QXhn+Z5KbT5IvIWZBPqaaFCJ
-----END PRIVATE KEY-----
`;
