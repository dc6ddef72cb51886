<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="en_GB">
  <context>
    <name>ConnectionPanel</name>
    <message>
      <source>Click again to disconnect</source>
      <translation>Click again to disconnect</translation>
    </message>
    <message>
      <source>Disconnect</source>
      <translation>Disconnect</translation>
    </message>
    <message>
      <source>Not connected to CoMensha. Reports you finalise are kept safely on this laptop until you connect.</source>
      <translation>Not connected to CoMensha. Reports you finalise are kept safely on this laptop until you connect.</translation>
    </message>
    <message>
      <source>This device was revoked by CoMensha. Your reports stay in the queue. Enter a new code from CoMensha to connect again.</source>
      <translation>This device was revoked by CoMensha. Your reports stay in the queue. Enter a new code from CoMensha to connect again.</translation>
    </message>
    <message>
      <source>Connected to {server} since {when} (device {device}).</source>
      <translation>Connected to {server} since {when} (device {device}).</translation>
    </message>
    <message>
      <source>Enter the server address CoMensha gave you; it starts with https://.</source>
      <translation>Enter the server address CoMensha gave you; it starts with https://.</translation>
    </message>
    <message>
      <source>Enter the one-time code you received from CoMensha.</source>
      <translation>Enter the one-time code you received from CoMensha.</translation>
    </message>
    <message>
      <source>Connecting to CoMensha…</source>
      <translation>Connecting to CoMensha…</translation>
    </message>
    <message>
      <source>The proxy address is not valid. Use the form http://host:port, or leave it empty to use the system's proxy.</source>
      <translation>The proxy address is not valid. Use the form http://host:port, or leave it empty to use the system's proxy.</translation>
    </message>
    <message>
      <source>Enter a new one-time code from CoMensha to connect this device again.</source>
      <translation>Enter a new one-time code from CoMensha to connect this device again.</translation>
    </message>
    <message>
      <source>Disconnecting stops delivery until you connect again. Reports already queued stay on this laptop.</source>
      <translation>Disconnecting stops delivery until you connect again. Reports already queued stay on this laptop.</translation>
    </message>
    <message numerus="yes">
      <source>Connected to CoMensha. %n waiting report(s) sealed and queued.</source>
      <translation>
        <numerusform>Connected to CoMensha. %n waiting report sealed and queued.</numerusform>
        <numerusform>Connected to CoMensha. %n waiting reports sealed and queued.</numerusform>
      </translation>
    </message>
    <message>
      <source>Connected to CoMensha.</source>
      <translation>Connected to CoMensha.</translation>
    </message>
    <message>
      <source>Disconnected from CoMensha. Queued reports stay on this laptop.</source>
      <translation>Disconnected from CoMensha. Queued reports stay on this laptop.</translation>
    </message>
    <message>
      <source>This code has a typing mistake or is incomplete. Check it against the code you were given and type it again.</source>
      <translation>This code has a typing mistake or is incomplete. Check it against the code you were given and type it again.</translation>
    </message>
    <message>
      <source>CoMensha's server does not accept this code. Check the code, or ask CoMensha for a new one.</source>
      <translation>CoMensha's server does not accept this code. Check the code, or ask CoMensha for a new one.</translation>
    </message>
    <message>
      <source>CoMensha's server cannot be reached. Check the address and the internet connection, then try again.</source>
      <translation>CoMensha's server cannot be reached. Check the address and the internet connection, then try again.</translation>
    </message>
    <message>
      <source>The server's certificate does not match the code: this may not be CoMensha's server. Nothing was sent. Do not connect on this network and contact CoMensha.</source>
      <translation>The server's certificate does not match the code: this may not be CoMensha's server. Nothing was sent. Do not connect on this network and contact CoMensha.</translation>
    </message>
    <message>
      <source>Signaal is locked. Unlock it and try again.</source>
      <translation>Signaal is locked. Unlock it and try again.</translation>
    </message>
    <message>
      <source>The server refused the connection. {detail}</source>
      <translation>The server refused the connection. {detail}</translation>
    </message>
    <message>
      <source>Connecting did not work. Try again later, or contact CoMensha if this keeps happening.</source>
      <translation>Connecting did not work. Try again later, or contact CoMensha if this keeps happening.</translation>
    </message>
    <message>
      <source>Connect to CoMensha</source>
      <translation>Connect to CoMensha</translation>
    </message>
    <message>
      <source>Server address</source>
      <translation>Server address</translation>
    </message>
    <message>
      <source>One-time code</source>
      <translation>One-time code</translation>
    </message>
    <message>
      <source>Proxy (optional)</source>
      <translation>Proxy (optional)</translation>
    </message>
    <message>
      <source>Leave empty to use the system's proxy settings.</source>
      <translation>Leave empty to use the system's proxy settings.</translation>
    </message>
    <message>
      <source>Connect</source>
      <translation>Connect</translation>
    </message>
    <message>
      <source>Enrol again</source>
      <translation>Enrol again</translation>
    </message>
    <message>
      <source>This code has expired. Ask CoMensha for a new code.</source>
      <translation>This code has expired. Ask CoMensha for a new code.</translation>
    </message>
    <message>
      <source>This code has already been used; a code works only once. Ask CoMensha for a new code.</source>
      <translation>This code has already been used; a code works only once. Ask CoMensha for a new code.</translation>
    </message>
  </context>
  <context>
    <name>ReceiptView</name>
    <message>
      <source>Signature verified</source>
      <translation>Signature verified</translation>
    </message>
    <message>
      <source>This receipt belongs to another report — it cannot be trusted</source>
      <translation>This receipt belongs to another report — it cannot be trusted</translation>
    </message>
    <message>
      <source>Signature does NOT verify — this receipt cannot be trusted</source>
      <translation>Signature does NOT verify — this receipt cannot be trusted</translation>
    </message>
    <message>
      <source>Receipts from CoMensha</source>
      <translation>Receipts from CoMensha</translation>
    </message>
    <message>
      <source>Reference</source>
      <translation>Reference</translation>
    </message>
    <message>
      <source>Received</source>
      <translation>Received</translation>
    </message>
    <message>
      <source>Hash (SHA-256)</source>
      <translation>Hash (SHA-256)</translation>
    </message>
    <message>
      <source>Signature</source>
      <translation>Signature</translation>
    </message>
    <message>
      <source>No receipts yet: a report gets one when CoMensha has received it.</source>
      <translation>No receipts yet: a report gets one when CoMensha has received it.</translation>
    </message>
  </context>
  <context>
    <name>SyncStatusWidget</name>
    <message>
      <source>Locked</source>
      <translation>Locked</translation>
    </message>
    <message>
      <source>Locked — sending {done}/{total}</source>
      <translation>Locked — sending {done}/{total}</translation>
    </message>
    <message numerus="yes">
      <source>Locked — %n report(s) will be sent after unlocking</source>
      <translation>
        <numerusform>Locked — %n report will be sent after unlocking</numerusform>
        <numerusform>Locked — %n reports will be sent after unlocking</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>Locked — this device has been revoked; %n report(s) kept</source>
      <translation>
        <numerusform>Locked — this device has been revoked; %n report kept</numerusform>
        <numerusform>Locked — this device has been revoked; %n reports kept</numerusform>
      </translation>
    </message>
    <message>
      <source>Locked — this device has been revoked</source>
      <translation>Locked — this device has been revoked</translation>
    </message>
    <message numerus="yes">
      <source>Locked — %n report(s) waiting</source>
      <translation>
        <numerusform>Locked — %n report waiting</numerusform>
        <numerusform>Locked — %n reports waiting</numerusform>
      </translation>
    </message>
    <message>
      <source>Locked — all sent at {time}</source>
      <translation>Locked — all sent at {time}</translation>
    </message>
    <message numerus="yes">
      <source>Not connected — %n report(s) waiting; connect via Settings</source>
      <translation>
        <numerusform>Not connected — %n report waiting; connect via Settings</numerusform>
        <numerusform>Not connected — %n reports waiting; connect via Settings</numerusform>
      </translation>
    </message>
    <message>
      <source>Not connected to CoMensha — connect via Settings</source>
      <translation>Not connected to CoMensha — connect via Settings</translation>
    </message>
    <message>
      <source>This device has been revoked — connect again via Settings</source>
      <translation>This device has been revoked — connect again via Settings</translation>
    </message>
    <message numerus="yes">
      <source>%n report(s) kept in the queue</source>
      <translation>
        <numerusform>%n report kept in the queue</numerusform>
        <numerusform>%n reports kept in the queue</numerusform>
      </translation>
    </message>
    <message>
      <source>The connection key cannot be read from the keyring — connect again via Settings</source>
      <translation>The connection key cannot be read from the keyring — connect again via Settings</translation>
    </message>
    <message numerus="yes">
      <source>Offline — %n report(s) waiting</source>
      <translation>
        <numerusform>Offline — %n report waiting</numerusform>
        <numerusform>Offline — %n reports waiting</numerusform>
      </translation>
    </message>
    <message>
      <source>Sending {done}/{total}</source>
      <translation>Sending {done}/{total}</translation>
    </message>
    <message numerus="yes">
      <source>%n report(s) waiting — next attempt soon</source>
      <translation>
        <numerusform>%n report waiting — next attempt soon</numerusform>
        <numerusform>%n reports waiting — next attempt soon</numerusform>
      </translation>
    </message>
    <message>
      <source>All sent at {time}</source>
      <translation>All sent at {time}</translation>
    </message>
    <message>
      <source>All sent</source>
      <translation>All sent</translation>
    </message>
    <message numerus="yes">
      <source>The server could not prove it is CoMensha's — nothing was sent; %n report(s) waiting</source>
      <translation>
        <numerusform>The server could not prove it is CoMensha's — nothing was sent; %n report waiting</numerusform>
        <numerusform>The server could not prove it is CoMensha's — nothing was sent; %n reports waiting</numerusform>
      </translation>
    </message>
    <message>
      <source>Sending did not work — Signaal will try again later</source>
      <translation>Sending did not work — Signaal will try again later</translation>
    </message>
    <message numerus="yes">
      <source>%n report(s) waiting</source>
      <translation>
        <numerusform>%n report waiting</numerusform>
        <numerusform>%n reports waiting</numerusform>
      </translation>
    </message>
    <message>
      <source>Nothing to send</source>
      <translation>Nothing to send</translation>
    </message>
    <message numerus="yes">
      <source>%n report(s) refused by CoMensha — press Send now to try again</source>
      <translation>
        <numerusform>%n report refused by CoMensha — press Send now to try again</numerusform>
        <numerusform>%n reports refused by CoMensha — press Send now to try again</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n conflict(s) — see the report list</source>
      <translation>
        <numerusform>%n conflict — see the report list</numerusform>
        <numerusform>%n conflicts — see the report list</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>Next attempt in about %n minute(s).</source>
      <translation>
        <numerusform>Next attempt in about %n minute.</numerusform>
        <numerusform>Next attempt in about %n minutes.</numerusform>
      </translation>
    </message>
    <message>
      <source>Send now</source>
      <translation>Send now</translation>
    </message>
    <message>
      <source>Send the waiting reports to CoMensha now</source>
      <translation>Send the waiting reports to CoMensha now</translation>
    </message>
    <message>
      <source>Connect…</source>
      <translation>Connect…</translation>
    </message>
    <message>
      <source>Open Settings to connect this laptop to CoMensha</source>
      <translation>Open Settings to connect this laptop to CoMensha</translation>
    </message>
  </context>
</TS>
