<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl_NL" sourcelanguage="en_GB">
  <context>
    <name>ConnectionPanel</name>
    <message>
      <source>Click again to disconnect</source>
      <translation>Klik nogmaals om de verbinding te verbreken</translation>
    </message>
    <message>
      <source>Disconnect</source>
      <translation>Verbinding verbreken</translation>
    </message>
    <message>
      <source>Not connected to CoMensha. Reports you finalise are kept safely on this laptop until you connect.</source>
      <translation>Niet verbonden met CoMensha. Meldingen die u afrondt blijven veilig op deze laptop tot u verbinding maakt.</translation>
    </message>
    <message>
      <source>This device was revoked by CoMensha. Your reports stay in the queue. Enter a new code from CoMensha to connect again.</source>
      <translation>Dit apparaat is door CoMensha ingetrokken. Uw meldingen blijven in de wachtrij. Vul een nieuwe code van CoMensha in om opnieuw te verbinden.</translation>
    </message>
    <message>
      <source>Connected to {server} since {when} (device {device}).</source>
      <translation>Verbonden met {server} sinds {when} (apparaat {device}).</translation>
    </message>
    <message>
      <source>Enter the server address CoMensha gave you; it starts with https://.</source>
      <translation>Vul het serveradres in dat u van CoMensha kreeg; het begint met https://.</translation>
    </message>
    <message>
      <source>Enter the one-time code you received from CoMensha.</source>
      <translation>Vul de eenmalige code in die u van CoMensha kreeg.</translation>
    </message>
    <message>
      <source>Connecting to CoMensha…</source>
      <translation>Verbinden met CoMensha…</translation>
    </message>
    <message>
      <source>The proxy address is not valid. Use the form http://host:port, or leave it empty to use the system's proxy.</source>
      <translation>Het proxyadres is niet geldig. Gebruik de vorm http://host:poort, of laat het leeg om de proxy van het systeem te gebruiken.</translation>
    </message>
    <message>
      <source>Enter a new one-time code from CoMensha to connect this device again.</source>
      <translation>Vul een nieuwe eenmalige code van CoMensha in om dit apparaat opnieuw te verbinden.</translation>
    </message>
    <message>
      <source>Disconnecting stops delivery until you connect again. Reports already queued stay on this laptop.</source>
      <translation>Na het verbreken wordt er niets verzonden tot u opnieuw verbindt. Meldingen in de wachtrij blijven op deze laptop.</translation>
    </message>
    <message numerus="yes">
      <source>Connected to CoMensha. %n waiting report(s) sealed and queued.</source>
      <translation>
        <numerusform>Verbonden met CoMensha. %n wachtende melding is verzegeld en klaargezet.</numerusform>
        <numerusform>Verbonden met CoMensha. %n wachtende meldingen zijn verzegeld en klaargezet.</numerusform>
      </translation>
    </message>
    <message>
      <source>Connected to CoMensha.</source>
      <translation>Verbonden met CoMensha.</translation>
    </message>
    <message>
      <source>Disconnected from CoMensha. Queued reports stay on this laptop.</source>
      <translation>De verbinding met CoMensha is verbroken. Meldingen in de wachtrij blijven op deze laptop.</translation>
    </message>
    <message>
      <source>This code has a typing mistake or is incomplete. Check it against the code you were given and type it again.</source>
      <translation>Deze code bevat een typefout of is onvolledig. Vergelijk hem met de code die u kreeg en typ hem opnieuw.</translation>
    </message>
    <message>
      <source>CoMensha's server does not accept this code. Check the code, or ask CoMensha for a new one.</source>
      <translation>De server van CoMensha accepteert deze code niet. Controleer de code of vraag CoMensha om een nieuwe.</translation>
    </message>
    <message>
      <source>CoMensha's server cannot be reached. Check the address and the internet connection, then try again.</source>
      <translation>De server van CoMensha is niet bereikbaar. Controleer het adres en de internetverbinding en probeer het opnieuw.</translation>
    </message>
    <message>
      <source>The server's certificate does not match the code: this may not be CoMensha's server. Nothing was sent. Do not connect on this network and contact CoMensha.</source>
      <translation>Het certificaat van de server past niet bij de code: dit is mogelijk niet de server van CoMensha. Er is niets verstuurd. Verbind niet via dit netwerk en neem contact op met CoMensha.</translation>
    </message>
    <message>
      <source>Signaal is locked. Unlock it and try again.</source>
      <translation>Signaal is vergrendeld. Ontgrendel en probeer het opnieuw.</translation>
    </message>
    <message>
      <source>The server refused the connection. {detail}</source>
      <translation>De server heeft de verbinding geweigerd. {detail}</translation>
    </message>
    <message>
      <source>Connecting did not work. Try again later, or contact CoMensha if this keeps happening.</source>
      <translation>Verbinden is niet gelukt. Probeer het later opnieuw, of neem contact op met CoMensha als dit blijft gebeuren.</translation>
    </message>
    <message>
      <source>Connect to CoMensha</source>
      <translation>Verbinden met CoMensha</translation>
    </message>
    <message>
      <source>Server address</source>
      <translation>Serveradres</translation>
    </message>
    <message>
      <source>One-time code</source>
      <translation>Eenmalige code</translation>
    </message>
    <message>
      <source>Proxy (optional)</source>
      <translation>Proxy (optioneel)</translation>
    </message>
    <message>
      <source>Leave empty to use the system's proxy settings.</source>
      <translation>Laat leeg om de proxy-instellingen van het systeem te gebruiken.</translation>
    </message>
    <message>
      <source>Connect</source>
      <translation>Verbinden</translation>
    </message>
    <message>
      <source>Enrol again</source>
      <translation>Opnieuw verbinden</translation>
    </message>
    <message>
      <source>This code has expired. Ask CoMensha for a new code.</source>
      <translation>Deze code is verlopen. Vraag CoMensha om een nieuwe code.</translation>
    </message>
    <message>
      <source>This code has already been used; a code works only once. Ask CoMensha for a new code.</source>
      <translation>Deze code is al gebruikt; een code werkt maar één keer. Vraag CoMensha om een nieuwe code.</translation>
    </message>
  </context>
  <context>
    <name>ReceiptView</name>
    <message>
      <source>Signature verified</source>
      <translation>Handtekening geverifieerd</translation>
    </message>
    <message>
      <source>This receipt belongs to another report — it cannot be trusted</source>
      <translation>Dit ontvangstbewijs hoort bij een andere melding — het is niet betrouwbaar</translation>
    </message>
    <message>
      <source>Signature does NOT verify — this receipt cannot be trusted</source>
      <translation>Handtekening klopt NIET — dit ontvangstbewijs is niet betrouwbaar</translation>
    </message>
    <message>
      <source>Receipts from CoMensha</source>
      <translation>Ontvangstbewijzen van CoMensha</translation>
    </message>
    <message>
      <source>Reference</source>
      <translation>Kenmerk</translation>
    </message>
    <message>
      <source>Received</source>
      <translation>Ontvangen</translation>
    </message>
    <message>
      <source>Hash (SHA-256)</source>
      <translation>Hash (SHA-256)</translation>
    </message>
    <message>
      <source>Signature</source>
      <translation>Handtekening</translation>
    </message>
    <message>
      <source>No receipts yet: a report gets one when CoMensha has received it.</source>
      <translation>Nog geen ontvangstbewijzen: een melding krijgt er een zodra CoMensha hem heeft ontvangen.</translation>
    </message>
  </context>
  <context>
    <name>SyncStatusWidget</name>
    <message>
      <source>Locked</source>
      <translation>Vergrendeld</translation>
    </message>
    <message>
      <source>Locked — sending {done}/{total}</source>
      <translation>Vergrendeld — verzenden {done}/{total}</translation>
    </message>
    <message numerus="yes">
      <source>Locked — %n report(s) will be sent after unlocking</source>
      <translation>
        <numerusform>Vergrendeld — %n melding wordt verzonden na ontgrendelen</numerusform>
        <numerusform>Vergrendeld — %n meldingen worden verzonden na ontgrendelen</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>Locked — this device has been revoked; %n report(s) kept</source>
      <translation>
        <numerusform>Vergrendeld — dit apparaat is ingetrokken; %n melding bewaard</numerusform>
        <numerusform>Vergrendeld — dit apparaat is ingetrokken; %n meldingen bewaard</numerusform>
      </translation>
    </message>
    <message>
      <source>Locked — this device has been revoked</source>
      <translation>Vergrendeld — dit apparaat is ingetrokken</translation>
    </message>
    <message numerus="yes">
      <source>Locked — %n report(s) waiting</source>
      <translation>
        <numerusform>Vergrendeld — %n melding wacht</numerusform>
        <numerusform>Vergrendeld — %n meldingen wachten</numerusform>
      </translation>
    </message>
    <message>
      <source>Locked — all sent at {time}</source>
      <translation>Vergrendeld — alles verzonden om {time}</translation>
    </message>
    <message numerus="yes">
      <source>Not connected — %n report(s) waiting; connect via Settings</source>
      <translation>
        <numerusform>Niet verbonden — %n melding wacht; verbind via Instellingen</numerusform>
        <numerusform>Niet verbonden — %n meldingen wachten; verbind via Instellingen</numerusform>
      </translation>
    </message>
    <message>
      <source>Not connected to CoMensha — connect via Settings</source>
      <translation>Niet verbonden met CoMensha — verbind via Instellingen</translation>
    </message>
    <message>
      <source>This device has been revoked — connect again via Settings</source>
      <translation>Dit apparaat is ingetrokken — verbind opnieuw via Instellingen</translation>
    </message>
    <message numerus="yes">
      <source>%n report(s) kept in the queue</source>
      <translation>
        <numerusform>%n melding blijft in de wachtrij</numerusform>
        <numerusform>%n meldingen blijven in de wachtrij</numerusform>
      </translation>
    </message>
    <message>
      <source>The connection key cannot be read from the keyring — connect again via Settings</source>
      <translation>De verbindingssleutel kan niet uit de sleutelbos worden gelezen — verbind opnieuw via Instellingen</translation>
    </message>
    <message numerus="yes">
      <source>Offline — %n report(s) waiting</source>
      <translation>
        <numerusform>Offline — %n melding wacht</numerusform>
        <numerusform>Offline — %n meldingen wachten</numerusform>
      </translation>
    </message>
    <message>
      <source>Sending {done}/{total}</source>
      <translation>Verzenden {done}/{total}</translation>
    </message>
    <message numerus="yes">
      <source>%n report(s) waiting — next attempt soon</source>
      <translation>
        <numerusform>%n melding wacht — straks nieuwe poging</numerusform>
        <numerusform>%n meldingen wachten — straks nieuwe poging</numerusform>
      </translation>
    </message>
    <message>
      <source>All sent at {time}</source>
      <translation>Alles verzonden om {time}</translation>
    </message>
    <message>
      <source>All sent</source>
      <translation>Alles verzonden</translation>
    </message>
    <message numerus="yes">
      <source>The server could not prove it is CoMensha's — nothing was sent; %n report(s) waiting</source>
      <translation>
        <numerusform>De server kon niet bewijzen dat hij van CoMensha is — er is niets verstuurd; %n melding wacht</numerusform>
        <numerusform>De server kon niet bewijzen dat hij van CoMensha is — er is niets verstuurd; %n meldingen wachten</numerusform>
      </translation>
    </message>
    <message>
      <source>Sending did not work — Signaal will try again later</source>
      <translation>Verzenden is niet gelukt — Signaal probeert het later opnieuw</translation>
    </message>
    <message numerus="yes">
      <source>%n report(s) waiting</source>
      <translation>
        <numerusform>%n melding wacht</numerusform>
        <numerusform>%n meldingen wachten</numerusform>
      </translation>
    </message>
    <message>
      <source>Nothing to send</source>
      <translation>Niets te verzenden</translation>
    </message>
    <message numerus="yes">
      <source>%n report(s) refused by CoMensha — press Send now to try again</source>
      <translation>
        <numerusform>%n melding geweigerd door CoMensha — kies Nu verzenden om het opnieuw te proberen</numerusform>
        <numerusform>%n meldingen geweigerd door CoMensha — kies Nu verzenden om het opnieuw te proberen</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n conflict(s) — see the report list</source>
      <translation>
        <numerusform>%n conflict — zie de lijst met meldingen</numerusform>
        <numerusform>%n conflicten — zie de lijst met meldingen</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>Next attempt in about %n minute(s).</source>
      <translation>
        <numerusform>Volgende poging over ongeveer %n minuut.</numerusform>
        <numerusform>Volgende poging over ongeveer %n minuten.</numerusform>
      </translation>
    </message>
    <message>
      <source>Send now</source>
      <translation>Nu verzenden</translation>
    </message>
    <message>
      <source>Send the waiting reports to CoMensha now</source>
      <translation>De wachtende meldingen nu naar CoMensha verzenden</translation>
    </message>
    <message>
      <source>Connect…</source>
      <translation>Verbinden…</translation>
    </message>
    <message>
      <source>Open Settings to connect this laptop to CoMensha</source>
      <translation>Open Instellingen om deze laptop met CoMensha te verbinden</translation>
    </message>
  </context>
</TS>
