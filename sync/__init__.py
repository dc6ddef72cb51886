"""Wire protocol, sealing and signing, the HTTP client, the outbox engine and the reference
receiver. No Qt here: the receiver and export tool run on servers."""
