"""The only package that imports `cryptography`: key slots, keys, AEAD, HMAC, HPKE, signatures."""
