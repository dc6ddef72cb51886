<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl_NL" sourcelanguage="en_GB">
  <context>
    <name>AboutDialog</name>
    <message>
      <source>About Signaal</source>
      <translation>Over Signaal</translation>
    </message>
    <message>
      <source>Signaal %1</source>
      <translation>Signaal %1</translation>
    </message>
    <message>
      <source>Record signals of possible human trafficking offline, sealed for CoMensha.</source>
      <translation>Signalen van mogelijke mensenhandel offline vastleggen, verzegeld voor CoMensha.</translation>
    </message>
    <message>
      <source>Version</source>
      <translation>Versie</translation>
    </message>
    <message>
      <source>Data folder</source>
      <translation>Gegevensmap</translation>
    </message>
    <message>
      <source>SQLCipher version</source>
      <translation>SQLCipher-versie</translation>
    </message>
    <message>
      <source>unknown</source>
      <translation>onbekend</translation>
    </message>
    <message>
      <source>Keyring</source>
      <translation>Beveiligde opslag</translation>
    </message>
    <message>
      <source>none</source>
      <translation>geen</translation>
    </message>
    <message>
      <source>Your passphrase and this account's keyring.</source>
      <translation>Uw wachtwoordzin en de beveiligde opslag van dit gebruikersaccount.</translation>
    </message>
    <message>
      <source>Your passphrase alone (no secure keyring on this computer).</source>
      <translation>Alleen uw wachtwoordzin (deze computer heeft geen beveiligde opslag voor sleutels).</translation>
    </message>
    <message>
      <source>Store protected by</source>
      <translation>Opslag beveiligd met</translation>
    </message>
    <message>
      <source>Qt version</source>
      <translation>Qt-versie</translation>
    </message>
  </context>
  <context>
    <name>App</name>
    <message>
      <source>Signaal is already open on this computer. Use that window; it may be hidden behind other windows or locked.</source>
      <translation>Signaal is al geopend op deze computer. Gebruik dat venster; het staat misschien achter andere vensters of is vergrendeld.</translation>
    </message>
  </context>
  <context>
    <name>AuditDialog</name>
    <message>
      <source>Audit log</source>
      <translation>Logboek</translation>
    </message>
    <message>
      <source>Everything Signaal did with your reports, newest first. The log holds no content: only what happened, when, and to which report.</source>
      <translation>Alles wat Signaal met uw meldingen deed, nieuwste eerst. Het logboek bevat geen inhoud: alleen wat er gebeurde, wanneer, en bij welke melding.</translation>
    </message>
    <message>
      <source>When</source>
      <translation>Wanneer</translation>
    </message>
    <message>
      <source>What</source>
      <translation>Wat</translation>
    </message>
    <message>
      <source>Report</source>
      <translation>Melding</translation>
    </message>
    <message>
      <source>&amp;Verify chain</source>
      <translation>Logboek &amp;controleren</translation>
    </message>
    <message>
      <source>Check that no entry was changed or removed</source>
      <translation>Controleren dat er geen regel is gewijzigd of verwijderd</translation>
    </message>
    <message>
      <source>Show &amp;more</source>
      <translation>&amp;Meer tonen</translation>
    </message>
    <message>
      <source>Checking…</source>
      <translation>Bezig met controleren…</translation>
    </message>
    <message numerus="yes">
      <source>The chain is intact: %n entry(s) checked, none changed or removed.</source>
      <translation>
        <numerusform>Het logboek is in orde: %n regel gecontroleerd, niets gewijzigd of verwijderd.</numerusform>
        <numerusform>Het logboek is in orde: %n regels gecontroleerd, niets gewijzigd of verwijderd.</numerusform>
      </translation>
    </message>
    <message>
      <source>The chain is broken at entry %1. An entry was changed or removed outside Signaal. Do not delete anything; contact your administrator.</source>
      <translation>Het logboek klopt niet meer vanaf regel %1: er is buiten Signaal om een regel gewijzigd of verwijderd. Verwijder niets en neem contact op met uw beheerder.</translation>
    </message>
  </context>
  <context>
    <name>AuditEvents</name>
    <message>
      <source>Store created</source>
      <translation>Opslag aangemaakt</translation>
    </message>
    <message>
      <source>Unlocked</source>
      <translation>Ontgrendeld</translation>
    </message>
    <message>
      <source>Passphrase changed</source>
      <translation>Wachtwoordzin gewijzigd</translation>
    </message>
    <message>
      <source>Report started</source>
      <translation>Melding begonnen</translation>
    </message>
    <message>
      <source>Draft deleted</source>
      <translation>Concept verwijderd</translation>
    </message>
    <message>
      <source>Report finalised</source>
      <translation>Melding afgerond</translation>
    </message>
    <message>
      <source>Report sealed for CoMensha</source>
      <translation>Melding verzegeld voor CoMensha</translation>
    </message>
    <message>
      <source>Report sent, receipt received</source>
      <translation>Melding verzonden, ontvangstbewijs ontvangen</translation>
    </message>
    <message>
      <source>CoMensha reported a conflict</source>
      <translation>CoMensha meldde een conflict</translation>
    </message>
    <message>
      <source>Report content cleaned up</source>
      <translation>Inhoud van melding opgeschoond</translation>
    </message>
    <message>
      <source>Sent reports cleaned up</source>
      <translation>Verzonden meldingen opgeschoond</translation>
    </message>
    <message>
      <source>Connected to CoMensha</source>
      <translation>Verbonden met CoMensha</translation>
    </message>
    <message>
      <source>Disconnected from CoMensha</source>
      <translation>Verbinding met CoMensha verbroken</translation>
    </message>
    <message>
      <source>Connection withdrawn by CoMensha</source>
      <translation>Verbinding ingetrokken door CoMensha</translation>
    </message>
    <message>
      <source>Reports sent, receipts received</source>
      <translation>Meldingen verzonden, ontvangstbewijzen ontvangen</translation>
    </message>
    <message>
      <source>A receipt did not check out and was refused</source>
      <translation>Een ontvangstbewijs klopte niet en is geweigerd</translation>
    </message>
    <message>
      <source>Report sealed again with only what may be sent</source>
      <translation>Melding opnieuw verzegeld, met alleen wat verzonden mag worden</translation>
    </message>
    <message>
      <source>Waiting reports sealed again with only what may be sent</source>
      <translation>Wachtende meldingen opnieuw verzegeld, met alleen wat verzonden mag worden</translation>
    </message>
    <message>
      <source>Report held back until it can be sealed again</source>
      <translation>Melding tegengehouden tot die opnieuw verzegeld kan worden</translation>
    </message>
    <message>
      <source>Backup written</source>
      <translation>Reservekopie gemaakt</translation>
    </message>
    <message>
      <source>Restored from a backup</source>
      <translation>Teruggezet uit een reservekopie</translation>
    </message>
    <message>
      <source>Hand-off file written for CoMensha</source>
      <translation>Overdrachtsbestand voor CoMensha gemaakt</translation>
    </message>
    <message>
      <source>Receipts read from a file</source>
      <translation>Ontvangstbewijzen uit een bestand ingelezen</translation>
    </message>
    <message>
      <source>This computer's keyring is used from now on</source>
      <translation>De beveiligde opslag van deze computer wordt voortaan gebruikt</translation>
    </message>
    <message>
      <source>The check for lost changes was made anew</source>
      <translation>De controle op verloren wijzigingen is opnieuw ingesteld</translation>
    </message>
    <message>
      <source>Opened with what was there after a loss of saved changes</source>
      <translation>Geopend met wat er nog was, na verlies van opgeslagen wijzigingen</translation>
    </message>
  </context>
  <context>
    <name>ConnectionPanel</name>
    <message>
      <source>Device number for CoMensha: %1</source>
      <translation>Apparaatnummer voor CoMensha: %1</translation>
    </message>
    <message>
      <source>Connected to {server} since {when}.</source>
      <translation>Verbonden met {server} sinds {when}.</translation>
    </message>
    <message>
      <source>Connect, Disconnect and Enrol again take effect at once; Save and Cancel below are about the other settings.</source>
      <translation>Verbinden, Verbinding verbreken en Opnieuw verbinden werken meteen; Opslaan en Annuleren hieronder gaan over de andere instellingen.</translation>
    </message>
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
    <name>CrashDialog</name>
    <message>
      <source>Signaal — unexpected problem</source>
      <translation>Signaal — onverwacht probleem</translation>
    </message>
    <message>
      <source>Signaal ran into a problem it did not expect. What you saved is safe; what you typed in the last seconds may need to be typed again. If this keeps happening, copy the report below and send it to your administrator. It contains no answers or names.</source>
      <translation>Signaal liep tegen een onverwacht probleem aan. Wat is opgeslagen, is veilig; wat u in de laatste seconden typte, moet u misschien opnieuw typen. Gebeurt dit vaker, kopieer dan het rapport hieronder en stuur het naar uw beheerder. Er staan geen antwoorden of namen in.</translation>
    </message>
    <message>
      <source>Problem report</source>
      <translation>Probleemrapport</translation>
    </message>
    <message>
      <source>&amp;Copy report</source>
      <translation>Rapport &amp;kopiëren</translation>
    </message>
  </context>
  <context>
    <name>Errors</name>
    <message>
      <source>Something went wrong that Signaal did not expect. Your saved work is safe. Try again; if it happens again, restart Signaal.</source>
      <translation>Er ging iets mis dat Signaal niet verwachtte. Uw opgeslagen werk is veilig. Probeer het opnieuw; gebeurt het weer, start Signaal dan opnieuw.</translation>
    </message>
  </context>
  <context>
    <name>Desk</name>
    <message>
      <source>same person</source>
      <translation>zelfde persoon</translation>
    </message>
    <message>
      <source>not the same person</source>
      <translation>niet dezelfde persoon</translation>
    </message>
    <message>
      <source>New</source>
      <translation>Nieuw</translation>
    </message>
    <message>
      <source>In progress</source>
      <translation>In behandeling</translation>
    </message>
    <message>
      <source>Registered</source>
      <translation>Geregistreerd</translation>
    </message>
    <message>
      <source>Referred</source>
      <translation>Doorverwezen</translation>
    </message>
    <message>
      <source>Not trafficking</source>
      <translation>Geen mensenhandel</translation>
    </message>
    <message>
      <source>Back to new</source>
      <translation>Terug naar nieuw</translation>
    </message>
    <message>
      <source>Take in progress</source>
      <translation>In behandeling nemen</translation>
    </message>
    <message>
      <source>Register</source>
      <translation>Registreren</translation>
    </message>
    <message>
      <source>Refer…</source>
      <translation>Doorverwijzen…</translation>
    </message>
    <message>
      <source>follow-up of</source>
      <translation>vervolg op</translation>
    </message>
    <message>
      <source>followed up by</source>
      <translation>gevolgd door</translation>
    </message>
    <message>
      <source>nationality</source>
      <translation>nationaliteit</translation>
    </message>
    <message>
      <source>gender</source>
      <translation>geslacht</translation>
    </message>
    <message>
      <source>age band</source>
      <translation>leeftijdsgroep</translation>
    </message>
    <message>
      <source>municipality</source>
      <translation>gemeente</translation>
    </message>
    <message>
      <source>reporting organisation</source>
      <translation>meldende organisatie</translation>
    </message>
    <message>
      <source>period</source>
      <translation>periode</translation>
    </message>
    <message>
      <source>state</source>
      <translation>status</translation>
    </message>
    <message>
      <source>assignee</source>
      <translation>behandelaar</translation>
    </message>
    <message>
      <source>link</source>
      <translation>koppeling</translation>
    </message>
  </context>
  <context>
    <name>DeskSetupPage</name>
    <message>
      <source>Set up Signaal Desk</source>
      <translation>Signaal Desk instellen</translation>
    </message>
    <message>
      <source>Signaal Desk opens the reports sent to CoMensha on this computer, with CoMensha's private key. It keeps the key and the reports in an encrypted store that only your passphrase opens. Choose a passphrase and the key file that 'signaal-receiver init' wrote.</source>
      <translation>Signaal Desk opent de meldingen aan CoMensha op deze computer, met de privésleutel van CoMensha. De sleutel en de meldingen staan in een versleutelde opslag die alleen met uw wachtzin opengaat. Kies een wachtzin en het sleutelbestand dat 'signaal-receiver init' schreef.</translation>
    </message>
    <message>
      <source>&amp;Language</source>
      <translation>&amp;Taal</translation>
    </message>
    <message>
      <source>&amp;Passphrase</source>
      <translation>&amp;Wachtzin</translation>
    </message>
    <message>
      <source>&amp;Repeat passphrase</source>
      <translation>Wachtzin &amp;herhalen</translation>
    </message>
    <message>
      <source>&amp;Key file</source>
      <translation>&amp;Sleutelbestand</translation>
    </message>
    <message>
      <source>&amp;Choose…</source>
      <translation>&amp;Kiezen…</translation>
    </message>
    <message>
      <source>&amp;Set up</source>
      <translation>&amp;Instellen</translation>
    </message>
    <message numerus="yes">
      <source>At least %n characters.</source>
      <translation>
        <numerusform>Minstens %n teken.</numerusform>
        <numerusform>Minstens %n tekens.</numerusform>
      </translation>
    </message>
    <message>
      <source>CoMensha's key file</source>
      <translation>Sleutelbestand van CoMensha</translation>
    </message>
    <message>
      <source>The two passphrases differ. Type them again.</source>
      <translation>De twee wachtzinnen verschillen. Typ ze opnieuw.</translation>
    </message>
    <message>
      <source>Choose CoMensha's key file first.</source>
      <translation>Kies eerst het sleutelbestand van CoMensha.</translation>
    </message>
  </context>
  <context>
    <name>DeskWindow</name>
    <message>
      <source>Signaal Desk — CoMensha</source>
      <translation>Signaal Desk — CoMensha</translation>
    </message>
    <message>
      <source>&amp;Inbox</source>
      <translation>&amp;Inbox</translation>
    </message>
    <message>
      <source>S&amp;tatistics</source>
      <translation>S&amp;tatistiek</translation>
    </message>
    <message>
      <source>&amp;Fetch and share now</source>
      <translation>&amp;Nu ophalen en delen</translation>
    </message>
    <message>
      <source>&amp;Enrol with the receiver…</source>
      <translation>&amp;Aanmelden bij de ontvanger…</translation>
    </message>
    <message>
      <source>E&amp;xport…</source>
      <translation>E&amp;xporteren…</translation>
    </message>
    <message>
      <source>This desk is not enrolled yet: choose 'Enrol with the receiver'.</source>
      <translation>Deze desk is nog niet aangemeld: kies 'Aanmelden bij de ontvanger'.</translation>
    </message>
    <message>
      <source>Fetching reports and sharing triage…</source>
      <translation>Meldingen ophalen en triage delen…</translation>
    </message>
    <message numerus="yes">
      <source>%n new report(s)</source>
      <translation>
        <numerusform>%n nieuwe melding</numerusform>
        <numerusform>%n nieuwe meldingen</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n in quarantine</source>
      <translation>
        <numerusform>%n in quarantaine</numerusform>
        <numerusform>%n in quarantaine</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n change(s) shared</source>
      <translation>
        <numerusform>%n wijziging gedeeld</numerusform>
        <numerusform>%n wijzigingen gedeeld</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n of your changes overtaken by a colleague</source>
      <translation>
        <numerusform>%n van uw wijzigingen ingehaald door een collega</numerusform>
        <numerusform>%n van uw wijzigingen ingehaald door een collega</numerusform>
      </translation>
    </message>
    <message>
      <source>Up to date: %1.</source>
      <translation>Bijgewerkt: %1.</translation>
    </message>
    <message>
      <source>Working offline: %1 Your changes are kept and shared later.</source>
      <translation>U werkt offline: %1 Uw wijzigingen blijven bewaard en worden later gedeeld.</translation>
    </message>
    <message>
      <source>&amp;Quarantine</source>
      <translation>&amp;Quarantaine</translation>
    </message>
    <message>
      <source>The receiver no longer accepts this desk (revoked or unknown). Your changes are kept. Enrol the desk again with a new code.</source>
      <translation>De ontvanger accepteert deze desk niet meer (ingetrokken of onbekend). Uw wijzigingen blijven bewaard. Meld de desk opnieuw aan met een nieuwe code.</translation>
    </message>
    <message>
      <source>&amp;Lock (Ctrl+L)</source>
      <translation>&amp;Vergrendelen (Ctrl+L)</translation>
    </message>
    <message>
      <source>&amp;Lock</source>
      <translation>&amp;Vergrendelen</translation>
    </message>
    <message>
      <source>Des&amp;k</source>
      <translation>Des&amp;k</translation>
    </message>
  </context>
  <context>
    <name>EnrolDialog</name>
    <message>
      <source>Enrol this desk</source>
      <translation>Deze desk aanmelden</translation>
    </message>
    <message>
      <source>Ask the receiver's operator for a one-time code ('signaal-receiver registrar add') and type it here with the address.</source>
      <translation>Vraag de beheerder van de ontvanger om een eenmalige code ('signaal-receiver registrar add') en typ die hier met het adres.</translation>
    </message>
    <message>
      <source>&amp;Address</source>
      <translation>&amp;Adres</translation>
    </message>
    <message>
      <source>One-time &amp;code</source>
      <translation>Eenmalige &amp;code</translation>
    </message>
    <message>
      <source>&amp;Name of this desk</source>
      <translation>&amp;Naam van deze desk</translation>
    </message>
    <message>
      <source>Type the receiver's address, starting with https://.</source>
      <translation>Typ het adres van de ontvanger, beginnend met https://.</translation>
    </message>
    <message>
      <source>Type the one-time code.</source>
      <translation>Typ de eenmalige code.</translation>
    </message>
  </context>
  <context>
    <name>Fields</name>
    <message>
      <source>Y, N, D (or 1, 2, 3): answer and go to the next signal; R: the rest &quot;don't know&quot;; Enter: next question</source>
      <translation>J, N, W (of 1, 2, 3): beantwoorden en naar het volgende signaal; R: de rest &quot;weet niet&quot;; Enter: volgende vraag</translation>
    </message>
    <message>
      <source>Keys: Y = yes, N = no, D = don't know (or 1, 2, 3)</source>
      <translation>Toetsen: J = ja, N = nee, W = weet niet (of 1, 2, 3)</translation>
    </message>
    <message>
      <source>Fill in today's date (T in the date field)</source>
      <translation>Vul de datum van vandaag in (T of V in het datumveld)</translation>
    </message>
    <message>
      <source>Type a date like 28-11 or 28-11-2026; T: today (and on to the next question)</source>
      <translation>Typ een datum zoals 28-11 of 28-11-2026; T of V: vandaag (en door naar de volgende vraag)</translation>
    </message>
    <message>
      <source>Type the first letters of an answer to choose it; Enter: next question</source>
      <translation>Typ de eerste letters van een antwoord om het te kiezen; Enter: volgende vraag</translation>
    </message>
    <message>
      <source>Keys: 1–%1 choose an answer and go on, arrow keys move; Enter: next question</source>
      <translation>Toetsen: 1–%1 kiezen een antwoord en gaan door, pijltjestoetsen verplaatsen; Enter: volgende vraag</translation>
    </message>
    <message>
      <source>; Enter: next question</source>
      <translation>; Enter: volgende vraag</translation>
    </message>
    <message>
      <source>Arrow keys move, Space ticks an answer (more than one is allowed); Enter: next question</source>
      <translation>Pijltjestoetsen verplaatsen, spatie vinkt een antwoord aan (meer dan één mag); Enter: volgende vraag</translation>
    </message>
    <message>
      <source>Type a country; Enter ticks it and goes to the next question, Shift+Enter ticks it and stays for another; Down: the list</source>
      <translation>Typ een land; Enter vinkt het aan en gaat naar de volgende vraag, Shift+Enter vinkt het aan en blijft voor nog een land; pijl omlaag: de lijst</translation>
    </message>
    <message>
      <source>Type the country's name; Enter: take it and go to the next question</source>
      <translation>Typ de naam van het land; Enter: overnemen en door naar de volgende vraag</translation>
    </message>
    <message>
      <source>Keys: Y = yes, N = no, D = don't know (or 1, 2, 3) answer a signal and go to the next one; R: all signals not yet answered become &quot;don't know&quot;.</source>
      <translation>Toetsen: J = ja, N = nee, W = weet niet (of 1, 2, 3) beantwoorden een signaal en gaan naar het volgende; R: alle signalen zonder antwoord worden &quot;weet niet&quot;.</translation>
    </message>
    <message>
      <source>Rest: don't know</source>
      <translation>Rest: weet niet</translation>
    </message>
    <message>
      <source>Answer every signal that has no answer yet with &quot;don't know&quot; (R)</source>
      <translation>Beantwoord elk signaal dat nog geen antwoord heeft met &quot;weet niet&quot; (R)</translation>
    </message>
    <message>
      <source>filled in: today; change it if needed</source>
      <translation>ingevuld: vandaag; pas het aan als dat nodig is</translation>
    </message>
    <message>
      <source>filled in from the age; change it if needed</source>
      <translation>ingevuld op grond van de leeftijd; pas het aan als dat nodig is</translation>
    </message>
    <message>
      <source>Enter: next question</source>
      <translation>Enter: volgende vraag</translation>
    </message>
    <message>
      <source>%1 of at most %2 characters</source>
      <translation>%1 van hoogstens %2 tekens</translation>
    </message>
    <message>
      <source>Yes</source>
      <translation>Ja</translation>
    </message>
    <message>
      <source>No</source>
      <translation>Nee</translation>
    </message>
    <message>
      <source>Don't know</source>
      <translation>Weet niet</translation>
    </message>
    <message>
      <source> (required)</source>
      <translation> (verplicht)</translation>
    </message>
    <message>
      <source>dd-mm-yyyy</source>
      <translation>dd-mm-jjjj</translation>
    </message>
    <message>
      <source>Today</source>
      <translation>Vandaag</translation>
    </message>
    <message>
      <source>Fill in today's date</source>
      <translation>Vul de datum van vandaag in</translation>
    </message>
    <message>
      <source>This is not a date. Type it like 31-12-2025.</source>
      <translation>Dit is geen datum. Typ hem zo: 31-12-2025.</translation>
    </message>
    <message>
      <source>— choose —</source>
      <translation>— kies —</translation>
    </message>
    <message>
      <source>Type to search a country</source>
      <translation>Typ om een land te zoeken</translation>
    </message>
    <message>
      <source>Type a country; Enter ticks it</source>
      <translation>Typ een land; Enter vinkt het aan</translation>
    </message>
    <message>
      <source>Search a country</source>
      <translation>Zoek een land</translation>
    </message>
    <message>
      <source>Note</source>
      <translation>Notitie</translation>
    </message>
    <message>
      <source>Add a note to this signal</source>
      <translation>Een notitie bij dit signaal toevoegen</translation>
    </message>
    <message>
      <source>Note for: %1</source>
      <translation>Notitie bij: %1</translation>
    </message>
    <message>
      <source>Note (optional)</source>
      <translation>Notitie (niet verplicht)</translation>
    </message>
      <message>
      <source>&amp;Add %1</source>
      <translation>%1 &amp;toevoegen</translation>
    </message>
    <message>
      <source>No one added yet.</source>
      <translation>Nog niemand toegevoegd.</translation>
    </message>
    <message>
      <source>Remove</source>
      <translation>Verwijderen</translation>
    </message>
    <message>
      <source>Remove %1</source>
      <translation>%1 verwijderen</translation>
    </message>
    <message>
      <source>At most %1.</source>
      <translation>Ten hoogste %1.</translation>
    </message>
</context>
  <context>
    <name>ExportDialog</name>
    <message>
      <source>Export reports</source>
      <translation>Meldingen exporteren</translation>
    </message>
    <message numerus="yes">
      <source>%n report(s) match the inbox's filters. The export holds what the form lets leave, with withdrawals of consent applied.</source>
      <translation>
        <numerusform>%n melding past bij de filters van de inbox. De export bevat wat het formulier laat vertrekken, met ingetrokken toestemmingen verwerkt.</numerusform>
        <numerusform>%n meldingen passen bij de filters van de inbox. De export bevat wat het formulier laat vertrekken, met ingetrokken toestemmingen verwerkt.</numerusform>
      </translation>
    </message>
    <message>
      <source>CSV (spreadsheet)</source>
      <translation>CSV (spreadsheet)</translation>
    </message>
    <message>
      <source>JSON Lines</source>
      <translation>JSON Lines</translation>
    </message>
    <message>
      <source>Excel workbook (XLSX), with codebook</source>
      <translation>Excel-werkmap (XLSX), met codeboek</translation>
    </message>
    <message>
      <source>&amp;Choose…</source>
      <translation>&amp;Kiezen…</translation>
    </message>
    <message>
      <source>&amp;Format</source>
      <translation>&amp;Formaat</translation>
    </message>
    <message>
      <source>&amp;File</source>
      <translation>&amp;Bestand</translation>
    </message>
    <message>
      <source>Export to</source>
      <translation>Exporteren naar</translation>
    </message>
    <message>
      <source>Choose where to save the export.</source>
      <translation>Kies waar de export moet komen.</translation>
    </message>
    <message>
      <source>That folder does not exist.</source>
      <translation>Die map bestaat niet.</translation>
    </message>
    <message numerus="yes">
      <source>%n report(s) exported.</source>
      <translation>
        <numerusform>%n melding geëxporteerd.</numerusform>
        <numerusform>%n meldingen geëxporteerd.</numerusform>
      </translation>
    </message>
    <message>
      <source>Not exported or not applied: %1</source>
      <translation>Niet geëxporteerd of niet verwerkt: %1</translation>
    </message>
  </context>
  <context>
    <name>FinaliseDialog</name>
    <message>
      <source>Seen: %1</source>
      <translation>Gezien: %1</translation>
    </message>
    <message>
      <source>No signal answered with yes</source>
      <translation>Geen signaal met ja beantwoord</translation>
    </message>
    <message numerus="yes">
      <source>%n unknown</source>
      <translation>
        <numerusform>%n onbekend</numerusform>
        <numerusform>%n onbekend</numerusform>
      </translation>
    </message>
    <message>
      <source>Finalise report</source>
      <translation>Melding afronden</translation>
    </message>
    <message numerus="yes">
      <source>Before this report can be finalised, %n thing(s) need(s) your attention. Choose one to go there.</source>
      <translation>
        <numerusform>Voordat deze melding kan worden afgerond, vraagt %n punt uw aandacht. Kies het om erheen te gaan.</numerusform>
        <numerusform>Voordat deze melding kan worden afgerond, vragen %n punten uw aandacht. Kies er een om erheen te gaan.</numerusform>
      </translation>
    </message>
    <message>
      <source>&amp;Go to field</source>
      <translation>&amp;Naar het veld</translation>
    </message>
    <message>
      <source>What still needs attention</source>
      <translation>Wat nog aandacht vraagt</translation>
    </message>
    <message>
      <source>Check what will be sent to CoMensha. After finalising you can no longer change this report; if something needs adding, make a new report.</source>
      <translation>Controleer wat naar CoMensha gaat. Na het afronden kunt u deze melding niet meer wijzigen; moet er iets bij, maak dan een nieuwe melding.</translation>
    </message>
    <message>
      <source>What will be sent</source>
      <translation>Wat wordt verzonden</translation>
    </message>
    <message>
      <source>The report is sealed so that only CoMensha can read it, and is sent as soon as there is a connection.</source>
      <translation>De melding wordt verzegeld zodat alleen CoMensha hem kan lezen, en wordt verzonden zodra er verbinding is.</translation>
    </message>
    <message>
      <source>&amp;Finalise and send</source>
      <translation>&amp;Afronden en verzenden</translation>
    </message>
    <message>
      <source>Notes: %1</source>
      <translation>Toelichting: %1</translation>
    </message>
    <message>
      <source>notes with the signals</source>
      <translation>toelichtingen bij de signalen</translation>
    </message>
    <message>
      <source>This stays on this computer and is not sent: %1.</source>
      <translation>Dit blijft op deze computer en wordt niet verzonden: %1.</translation>
    </message>
    <message>
      <source>signals about health</source>
      <translation>signalen over de gezondheid</translation>
    </message>
  </context>
  <context>
    <name>FormPickerDialog</name>
    <message>
      <source>New report</source>
      <translation>Nieuwe melding</translation>
    </message>
    <message>
      <source>Which form do you want to use? The form for your work is at the top.</source>
      <translation>Welk formulier wilt u gebruiken? Het formulier voor uw werk staat bovenaan.</translation>
    </message>
    <message>
      <source>Forms</source>
      <translation>Formulieren</translation>
    </message>
    <message>
      <source>&amp;Start report</source>
      <translation>Melding &amp;beginnen</translation>
    </message>
  </context>
  <context>
    <name>FormView</name>
    <message>
      <source>Alt+%1</source>
      <translation>Alt+%1</translation>
    </message>
    <message>
      <source>Previous</source>
      <translation>Vorige</translation>
    </message>
    <message>
      <source>Previous section (Ctrl+PgUp)</source>
      <translation>Vorige sectie (Ctrl+PgUp)</translation>
    </message>
    <message>
      <source>Next</source>
      <translation>Volgende</translation>
    </message>
    <message>
      <source>Next section (Ctrl+PgDown); Alt+1…9 opens a section</source>
      <translation>Volgende sectie (Ctrl+PgDown); Alt+1…9 opent een sectie</translation>
    </message>
    <message>
      <source>Enter or Space presses the button; Ctrl+PgDown: next section, Ctrl+Enter: finalise</source>
      <translation>Enter of spatie drukt op de knop; Ctrl+PgDown: volgende sectie, Ctrl+Enter: afronden</translation>
    </message>
    <message>
      <source>Sections of the form</source>
      <translation>Onderdelen van het formulier</translation>
    </message>
    <message>
      <source>← My reports</source>
      <translation>← Mijn meldingen</translation>
    </message>
    <message>
      <source>Back to my reports (Alt+Left). Your work is saved.</source>
      <translation>Terug naar mijn meldingen (Alt+Links). Uw werk wordt bewaard.</translation>
    </message>
    <message>
      <source>&amp;Save</source>
      <translation>Op&amp;slaan</translation>
    </message>
    <message>
      <source>Save now (Ctrl+S). Signaal also saves while you type.</source>
      <translation>Nu opslaan (Ctrl+S). Signaal slaat ook op terwijl u typt.</translation>
    </message>
    <message>
      <source>&amp;Finalise…</source>
      <translation>&amp;Afronden…</translation>
    </message>
    <message>
      <source>Check and finalise the report (Ctrl+Enter)</source>
      <translation>De melding controleren en afronden (Ctrl+Enter)</translation>
    </message>
    <message>
      <source>&amp;Delete draft</source>
      <translation>Concept &amp;verwijderen</translation>
    </message>
    <message>
      <source>* required to finalise</source>
      <translation>* verplicht om af te ronden</translation>
    </message>
    <message>
      <source>Sent on %1. CoMensha has confirmed receipt; the receipt is kept with this report.</source>
      <translation>Verzonden op %1. CoMensha heeft de ontvangst bevestigd; het ontvangstbewijs blijft bij deze melding.</translation>
    </message>
    <message>
      <source>The content of this report was cleaned up after the retention period. The receipt is kept.</source>
      <translation>De inhoud van deze melding is na de bewaartermijn opgeschoond. Het ontvangstbewijs blijft bewaard.</translation>
    </message>
    <message>
      <source>Finalised. This report can no longer be changed and waits to be sent to CoMensha.</source>
      <translation>Afgerond. Deze melding kan niet meer worden gewijzigd en wacht op verzending naar CoMensha.</translation>
    </message>
    <message>
      <source>CoMensha reported a problem with this report; contact CoMensha.</source>
      <translation>CoMensha meldde een probleem met deze melding; neem contact op met CoMensha.</translation>
    </message>
    <message>
      <source>Your last changes could not be saved. %1</source>
      <translation>Uw laatste wijzigingen konden niet worden opgeslagen. %1</translation>
    </message>
    <message>
      <source>Saving…</source>
      <translation>Bezig met opslaan…</translation>
    </message>
    <message>
      <source>Changes not yet saved</source>
      <translation>Wijzigingen nog niet opgeslagen</translation>
    </message>
    <message>
      <source>Saved at %1</source>
      <translation>Opgeslagen om %1</translation>
    </message>
    <message>
      <source>New draft: saved as soon as you type</source>
      <translation>Nieuw concept: wordt opgeslagen zodra u typt</translation>
    </message>
    <message>
      <source>Draft</source>
      <translation>Concept</translation>
    </message>
    <message>
      <source>The report was not finalised. %1</source>
      <translation>De melding is niet afgerond. %1</translation>
    </message>
    <message>
      <source>Delete draft</source>
      <translation>Concept verwijderen</translation>
    </message>
    <message>
      <source>Delete this draft? It cannot be brought back. The audit log keeps only that a draft was deleted, not what was in it.</source>
      <translation>Dit concept verwijderen? Het kan niet worden teruggehaald. Het logboek bewaart alleen dát er een concept is verwijderd, niet wat erin stond.</translation>
    </message>
    <message>
      <source>&amp;Keep draft</source>
      <translation>Concept &amp;houden</translation>
    </message>
    <message>
      <source>&amp;Withdraw consent…</source>
      <translation>Toestemming &amp;intrekken…</translation>
    </message>
    <message>
      <source>Start a follow-up that tells CoMensha the person withdraws consent. It holds no data about the person, only this report's number.</source>
      <translation>Start een aanvulling die CoMensha laat weten dat de persoon de toestemming intrekt. Er gaan geen gegevens over de persoon mee, alleen het nummer van deze melding.</translation>
    </message>
      <message>
      <source>A&amp;ddition…</source>
      <translation>Aanv&amp;ulling…</translation>
    </message>
    <message>
      <source>Start a new report that adds to this one: CoMensha sees that they belong together. You can also withdraw consent in it.</source>
      <translation>Start een nieuwe melding die deze aanvult: CoMensha ziet dat ze bij elkaar horen. U kunt er ook de toestemming mee intrekken.</translation>
    </message>
</context>
  <context>
    <name>MainWindow</name>
    <message>
      <source>&amp;Report</source>
      <translation>&amp;Melding</translation>
    </message>
    <message>
      <source>&amp;Tools</source>
      <translation>E&amp;xtra</translation>
    </message>
    <message>
      <source>&amp;Help</source>
      <translation>&amp;Help</translation>
    </message>
    <message>
      <source>&amp;New report</source>
      <translation>&amp;Nieuwe melding</translation>
    </message>
    <message>
      <source>&amp;Hide now (lock)</source>
      <translation>Nu &amp;verbergen (vergrendelen)</translation>
    </message>
    <message>
      <source>&amp;Quit</source>
      <translation>&amp;Afsluiten</translation>
    </message>
    <message>
      <source>&amp;Search reports</source>
      <translation>Meldingen &amp;zoeken</translation>
    </message>
    <message>
      <source>S&amp;ettings…</source>
      <translation>&amp;Instellingen…</translation>
    </message>
    <message>
      <source>&amp;Audit log…</source>
      <translation>&amp;Logboek…</translation>
    </message>
    <message>
      <source>&amp;Help for this field</source>
      <translation>&amp;Hulp bij dit veld</translation>
    </message>
    <message>
      <source>&amp;About Signaal</source>
      <translation>&amp;Over Signaal</translation>
    </message>
    <message>
      <source>Hide now</source>
      <translation>Nu verbergen</translation>
    </message>
    <message>
      <source>Hide everything and lock Signaal (Ctrl+L)</source>
      <translation>Alles verbergen en Signaal vergrendelen (Ctrl+L)</translation>
    </message>
    <message>
      <source>Hide now and lock</source>
      <translation>Nu verbergen en vergrendelen</translation>
    </message>
    <message>
      <source>Not connected to CoMensha</source>
      <translation>Niet verbonden met CoMensha</translation>
    </message>
    <message>
      <source>This computer has no secure keyring, so your reports are protected by your passphrase alone. Keep it long and do not write it on the laptop.</source>
      <translation>Deze computer heeft geen beveiligde opslag voor sleutels. Uw meldingen zijn daarom alleen met uw wachtwoordzin beveiligd. Houd hem lang en schrijf hem niet op de laptop.</translation>
    </message>
    <message>
      <source>This report uses a form that this version of Signaal does not know. Install the latest version of Signaal.</source>
      <translation>Deze melding gebruikt een formulier dat deze versie van Signaal niet kent. Installeer de nieuwste versie van Signaal.</translation>
    </message>
    <message>
      <source>The report is finalised and waits to be sent.</source>
      <translation>De melding is afgerond en wacht op verzending.</translation>
    </message>
    <message>
      <source>The draft was deleted.</source>
      <translation>Het concept is verwijderd.</translation>
    </message>
    <message>
      <source>Settings saved.</source>
      <translation>Instellingen opgeslagen.</translation>
    </message>
    <message>
      <source>Your passphrase has been changed. Use the new one from now on.</source>
      <translation>Uw wachtwoordzin is gewijzigd. Gebruik voortaan de nieuwe.</translation>
    </message>
    <message>
      <source>Press F1 in a form to show the help for the field you are in.</source>
      <translation>Druk in een formulier op F1 voor hulp bij het veld waarin u staat.</translation>
    </message>
    <message>
      <source>Sending is not available: reports wait on this computer</source>
      <translation>Verzenden werkt niet: meldingen wachten op deze computer</translation>
    </message>
    <message>
      <source>Signaal could not start sending to CoMensha. Your reports are kept safely on this computer. Restart Signaal; if this keeps happening, contact your administrator.</source>
      <translation>Signaal kon het verzenden naar CoMensha niet starten. Uw meldingen blijven veilig op deze computer. Start Signaal opnieuw; blijft dit gebeuren, neem dan contact op met uw beheerder.</translation>
    </message>
    <message>
      <source>This version of Signaal cannot withdraw consent.</source>
      <translation>Deze versie van Signaal kan geen toestemming intrekken.</translation>
    </message>
    <message>
      <source>Erase everything</source>
      <translation>Alles wissen</translation>
    </message>
    <message>
      <source>Use this computer's keyring</source>
      <translation>De beveiligde opslag van deze computer gebruiken</translation>
    </message>
    <message>
      <source>This computer now has a secure keyring. Use it from now on? Your reports are then protected by your passphrase and by this user account: a copy of the folder on another computer or account no longer opens with the passphrase alone.</source>
      <translation>Deze computer heeft nu een beveiligde opslag voor sleutels. Wilt u die voortaan gebruiken? Uw meldingen zijn dan beveiligd met uw wachtwoordzin én met dit gebruikersaccount: een kopie van de map op een andere computer of een ander account gaat dan niet meer open met alleen de wachtwoordzin.</translation>
    </message>
    <message>
      <source>&amp;Use the keyring</source>
      <translation>Beveiligde opslag &amp;gebruiken</translation>
    </message>
    <message>
      <source>&amp;Not now</source>
      <translation>&amp;Nu niet</translation>
    </message>
    <message>
      <source>Your reports are now protected by your passphrase and by this computer's keyring.</source>
      <translation>Uw meldingen zijn nu beveiligd met uw wachtwoordzin en met de beveiligde opslag van deze computer.</translation>
    </message>
    <message>
      <source>Hand-off file</source>
      <translation>Overdrachtsbestand</translation>
    </message>
    <message>
      <source>Receipts</source>
      <translation>Ontvangstbewijzen</translation>
    </message>
    <message>
      <source>The receipts file could not be read. Is the USB disk still in?</source>
      <translation>Het bestand met ontvangstbewijzen kon niet worden gelezen. Zit de USB-stick er nog in?</translation>
    </message>
    <message>
      <source>&amp;Hand-off file for CoMensha…</source>
      <translation>&amp;Overdrachtsbestand voor CoMensha…</translation>
    </message>
    <message>
      <source>Read &amp;receipts from CoMensha…</source>
      <translation>&amp;Ontvangstbewijzen van CoMensha inlezen…</translation>
    </message>
    <message>
      <source>Make a &amp;backup…</source>
      <translation>&amp;Reservekopie maken…</translation>
    </message>
    <message>
      <source>Hand-off file for CoMensha</source>
      <translation>Overdrachtsbestand voor CoMensha</translation>
    </message>
    <message>
      <source>Read receipts from CoMensha</source>
      <translation>Ontvangstbewijzen van CoMensha inlezen</translation>
    </message>
    <message numerus="yes">
      <source>%n report(s) written to the hand-off file. Give it to CoMensha; the reports stay waiting here until their receipts come back.</source>
      <translation>
        <numerusform>%n melding in het overdrachtsbestand gezet. Geef het aan CoMensha; de melding blijft hier wachten tot het ontvangstbewijs terug is.</numerusform>
        <numerusform>%n meldingen in het overdrachtsbestand gezet. Geef het aan CoMensha; de meldingen blijven hier wachten tot de ontvangstbewijzen terug zijn.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n report(s) now sent, with a receipt that checks out.</source>
      <translation>
        <numerusform>%n melding is nu verzonden, met een ontvangstbewijs dat klopt.</numerusform>
        <numerusform>%n meldingen zijn nu verzonden, met een ontvangstbewijs dat klopt.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n receipt(s) did not check out and were not used.</source>
      <translation>
        <numerusform>%n ontvangstbewijs klopte niet en is niet gebruikt.</numerusform>
        <numerusform>%n ontvangstbewijzen klopten niet en zijn niet gebruikt.</numerusform>
      </translation>
    </message>
      <message>
      <source>This version of Signaal cannot add to this report.</source>
      <translation>Deze versie van Signaal kan deze melding niet aanvullen.</translation>
    </message>
</context>
  <context>
    <name>Inbox</name>
    <message>
      <source>Reference</source>
      <translation>Kenmerk</translation>
    </message>
    <message>
      <source>Form</source>
      <translation>Formulier</translation>
    </message>
    <message>
      <source>Received</source>
      <translation>Ontvangen</translation>
    </message>
    <message>
      <source>Organisation</source>
      <translation>Organisatie</translation>
    </message>
    <message>
      <source>Region</source>
      <translation>Regio</translation>
    </message>
    <message>
      <source>State</source>
      <translation>Status</translation>
    </message>
    <message>
      <source>Assignee</source>
      <translation>Behandelaar</translation>
    </message>
    <message>
      <source>Linked</source>
      <translation>Gekoppeld</translation>
    </message>
    <message>
      <source>yes</source>
      <translation>ja</translation>
    </message>
  </context>
  <context>
    <name>InboxView</name>
    <message>
      <source>&amp;State</source>
      <translation>&amp;Status</translation>
    </message>
    <message>
      <source>&amp;Form</source>
      <translation>&amp;Formulier</translation>
    </message>
    <message>
      <source>Re&amp;gion</source>
      <translation>Re&amp;gio</translation>
    </message>
    <message>
      <source>&amp;Period</source>
      <translation>&amp;Periode</translation>
    </message>
    <message>
      <source>&amp;Assignee</source>
      <translation>&amp;Behandelaar</translation>
    </message>
    <message>
      <source>All</source>
      <translation>Alle</translation>
    </message>
    <message>
      <source>Today</source>
      <translation>Vandaag</translation>
    </message>
    <message>
      <source>Last 7 days</source>
      <translation>Laatste 7 dagen</translation>
    </message>
    <message>
      <source>Last 30 days</source>
      <translation>Laatste 30 dagen</translation>
    </message>
    <message>
      <source>This year</source>
      <translation>Dit jaar</translation>
    </message>
    <message>
      <source>Last year</source>
      <translation>Vorig jaar</translation>
    </message>
    <message>
      <source>Nobody</source>
      <translation>Niemand</translation>
    </message>
    <message numerus="yes">
      <source>%n report(s)</source>
      <translation>
        <numerusform>%n melding</numerusform>
        <numerusform>%n meldingen</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>Passphrase</name>
    <message>
      <source>Too short: use at least 10 characters, for example three or four words.</source>
      <translation>Te kort: gebruik minstens 10 tekens, bijvoorbeeld drie of vier woorden.</translation>
    </message>
    <message>
      <source>Weak: add a word or mix in digits and capitals.</source>
      <translation>Zwak: voeg een woord toe of gebruik ook cijfers en hoofdletters.</translation>
    </message>
    <message>
      <source>Reasonable. Longer is stronger.</source>
      <translation>Redelijk. Langer is sterker.</translation>
    </message>
    <message>
      <source>Strong.</source>
      <translation>Sterk.</translation>
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
      <translation>Controlecode (vingerafdruk van de melding)</translation>
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
    <name>QuarantineView</name>
    <message>
      <source>These envelopes arrived but were not opened. They are kept as they arrived; the reason says why. The inbox goes on without them.</source>
      <translation>Deze enveloppen kwamen binnen maar zijn niet geopend. Ze blijven bewaard zoals ze binnenkwamen; de reden zegt waarom. De inbox gaat zonder ze verder.</translation>
    </message>
    <message>
      <source>Received</source>
      <translation>Ontvangen</translation>
    </message>
    <message>
      <source>Sent by</source>
      <translation>Verstuurd door</translation>
    </message>
    <message>
      <source>Reason</source>
      <translation>Reden</translation>
    </message>
    <message>
      <source>Envelope id</source>
      <translation>Enveloppenummer</translation>
    </message>
    <message>
      <source>&amp;Try again</source>
      <translation>&amp;Opnieuw proberen</translation>
    </message>
  </context>
  <context>
    <name>ReportList</name>
    <message>
      <source>CoMensha&apos;s reference, on the receipt of a sent report</source>
      <translation>De referentie van CoMensha, op het ontvangstbewijs van een verzonden melding</translation>
    </message>
    <message>
      <source>Reference</source>
      <translation>Referentie</translation>
    </message>
    <message>
      <source>Summary</source>
      <translation>Samenvatting</translation>
    </message>
    <message>
      <source>Form</source>
      <translation>Formulier</translation>
    </message>
    <message>
      <source>State</source>
      <translation>Status</translation>
    </message>
    <message>
      <source>Created</source>
      <translation>Aangemaakt</translation>
    </message>
    <message>
      <source>Last change</source>
      <translation>Laatst gewijzigd</translation>
    </message>
    <message>
      <source>(no summary yet)</source>
      <translation>(nog geen samenvatting)</translation>
    </message>
    <message>
      <source>%1, with receipt</source>
      <translation>%1, met ontvangstbewijs</translation>
    </message>
    <message>
      <source>%1 — needs attention</source>
      <translation>%1 — vraagt aandacht</translation>
    </message>
  </context>
  <context>
    <name>ReportListPage</name>
    <message>
      <source>My reports</source>
      <translation>Mijn meldingen</translation>
    </message>
    <message>
      <source>&amp;New report</source>
      <translation>&amp;Nieuwe melding</translation>
    </message>
    <message>
      <source>Start a new report (Ctrl+N)</source>
      <translation>Een nieuwe melding beginnen (Ctrl+N)</translation>
    </message>
    <message>
      <source>S&amp;how</source>
      <translation>&amp;Toon</translation>
    </message>
    <message>
      <source>Show reports in state</source>
      <translation>Meldingen tonen met status</translation>
    </message>
    <message>
      <source>All reports</source>
      <translation>Alle meldingen</translation>
    </message>
    <message>
      <source>&amp;Search</source>
      <translation>&amp;Zoeken</translation>
    </message>
    <message>
      <source>Search in summaries and CoMensha&apos;s references</source>
      <translation>Zoeken in samenvattingen en referenties van CoMensha</translation>
    </message>
    <message>
      <source>Search in summaries or a reference such as CM-2026-000002 (Ctrl+F)</source>
      <translation>Zoek in samenvattingen of op een referentie zoals CM-2026-000002 (Ctrl+F)</translation>
    </message>
    <message numerus="yes">
      <source>%n report(s)</source>
      <translation>
        <numerusform>%n melding</numerusform>
        <numerusform>%n meldingen</numerusform>
      </translation>
    </message>
    <message>
      <source>No reports match this filter or search. Choose “All reports” or clear the search field.</source>
      <translation>Geen meldingen gevonden met dit filter of deze zoekterm. Kies “Alle meldingen” of maak het zoekveld leeg.</translation>
    </message>
    <message>
      <source>You have no reports yet.
Choose “New report” (Ctrl+N) to record a signal. It is saved while you type.</source>
      <translation>U heeft nog geen meldingen.
Kies “Nieuwe melding” (Ctrl+N) om een signaal vast te leggen. Het wordt opgeslagen terwijl u typt.</translation>
    </message>
  </context>
  <context>
    <name>Roles</name>
    <message>
      <source>COA (asylum reception)</source>
      <translation>COA (asielopvang)</translation>
    </message>
    <message>
      <source>NLA (Labour Inspectorate)</source>
      <translation>NLA (Arbeidsinspectie)</translation>
    </message>
    <message>
      <source>Care (clinicians)</source>
      <translation>Zorg (hulpverleners)</translation>
    </message>
  </context>
  <context>
    <name>ReportView</name>
    <message>
      <source>Reference</source>
      <translation>Kenmerk</translation>
    </message>
    <message>
      <source>Sent by</source>
      <translation>Verstuurd door</translation>
    </message>
    <message>
      <source>Received</source>
      <translation>Ontvangen</translation>
    </message>
    <message>
      <source>Receipt</source>
      <translation>Ontvangstbewijs</translation>
    </message>
    <message>
      <source>signed by the receiver, checked</source>
      <translation>getekend door de ontvanger, gecontroleerd</translation>
    </message>
    <message>
      <source>the receipt's signature does not verify</source>
      <translation>de handtekening van het ontvangstbewijs klopt niet</translation>
    </message>
    <message>
      <source>Report id</source>
      <translation>Meldingnummer</translation>
    </message>
    <message>
      <source>Linked reports</source>
      <translation>Gekoppelde meldingen</translation>
    </message>
    <message>
      <source>Possibly the same person</source>
      <translation>Mogelijk dezelfde persoon</translation>
    </message>
    <message>
      <source>&amp;Same person</source>
      <translation>&amp;Zelfde persoon</translation>
    </message>
    <message>
      <source>&amp;Not the same person</source>
      <translation>&amp;Niet dezelfde persoon</translation>
    </message>
    <message>
      <source>Choose a report in the inbox.</source>
      <translation>Kies een melding in de inbox.</translation>
    </message>
    <message>
      <source>not in this desk yet</source>
      <translation>nog niet in deze desk</translation>
    </message>
    <message>
      <source>No linked reports.</source>
      <translation>Geen gekoppelde meldingen.</translation>
    </message>
    <message>
      <source>same %1</source>
      <translation>zelfde %1</translation>
    </message>
  </context>
  <context>
    <name>SettingsDialog</name>
    <message>
      <source>Settings</source>
      <extracomment>Called with the dialog when it is built; the sync work registers its panel here.</extracomment>
      <translation>Instellingen</translation>
    </message>
    <message>
      <source>General</source>
      <translation>Algemeen</translation>
    </message>
    <message>
      <source>&amp;Language</source>
      <translation>&amp;Taal</translation>
    </message>
    <message>
      <source>Language</source>
      <translation>Taal</translation>
    </message>
    <message>
      <source>&amp;Your work</source>
      <translation>&amp;Uw werk</translation>
    </message>
    <message>
      <source>Your work</source>
      <translation>Uw werk</translation>
    </message>
    <message>
      <source>&amp;Lock after</source>
      <translation>&amp;Vergrendelen na</translation>
    </message>
    <message>
      <source> minutes without use</source>
      <translation> minuten zonder gebruik</translation>
    </message>
    <message>
      <source>Lock after minutes without use</source>
      <translation>Vergrendelen na aantal minuten zonder gebruik</translation>
    </message>
    <message>
      <source>&amp;Keep sent reports</source>
      <translation>Verzonden meldingen &amp;bewaren</translation>
    </message>
    <message>
      <source> days after the receipt</source>
      <translation> dagen na het ontvangstbewijs</translation>
    </message>
    <message>
      <source>Keep sent reports for days after the receipt</source>
      <translation>Verzonden meldingen bewaren, aantal dagen na het ontvangstbewijs</translation>
    </message>
    <message>
      <source>Change passphrase</source>
      <translation>Wachtwoordzin wijzigen</translation>
    </message>
    <message>
      <source>C&amp;urrent passphrase</source>
      <translation>&amp;Huidige wachtwoordzin</translation>
    </message>
    <message>
      <source>Current passphrase</source>
      <translation>Huidige wachtwoordzin</translation>
    </message>
    <message>
      <source>&amp;New passphrase</source>
      <translation>&amp;Nieuwe wachtwoordzin</translation>
    </message>
    <message>
      <source>New passphrase</source>
      <translation>Nieuwe wachtwoordzin</translation>
    </message>
    <message>
      <source>&amp;Repeat new passphrase</source>
      <translation>Nieuwe wachtwoordzin &amp;herhalen</translation>
    </message>
    <message>
      <source>Repeat new passphrase</source>
      <translation>Nieuwe wachtwoordzin herhalen</translation>
    </message>
    <message>
      <source>C&amp;hange passphrase</source>
      <translation>Wachtwoordzin &amp;wijzigen</translation>
    </message>
    <message>
      <source>Connection with CoMensha</source>
      <translation>Verbinding met CoMensha</translation>
    </message>
    <message>
      <source>Not connected yet. Once your organisation has given you a connection code, you can connect here. Until then your finalised reports wait safely on this computer.</source>
      <translation>Nog niet verbonden. Zodra uw organisatie u een verbindingscode heeft gegeven, kunt u hier verbinden. Tot die tijd wachten uw afgeronde meldingen veilig op deze computer.</translation>
    </message>
    <message>
      <source>Type your current passphrase first.</source>
      <translation>Typ eerst uw huidige wachtwoordzin.</translation>
    </message>
    <message numerus="yes">
      <source>The new passphrase is too short. Use at least %n characters.</source>
      <translation>
        <numerusform>De nieuwe wachtwoordzin is te kort. Gebruik minstens %n teken.</numerusform>
        <numerusform>De nieuwe wachtwoordzin is te kort. Gebruik minstens %n tekens.</numerusform>
      </translation>
    </message>
    <message>
      <source>The two new passphrases are not the same. Type them again.</source>
      <translation>De twee nieuwe wachtwoordzinnen zijn niet gelijk. Typ ze opnieuw.</translation>
    </message>
    <message>
      <source>Erase everything</source>
      <translation>Alles wissen</translation>
    </message>
    <message>
      <source>In an emergency: make everything of Signaal on this computer unreadable at once and remove it. Reports that have not been sent are lost.</source>
      <translation>In nood: maak alles van Signaal op deze computer in één keer onleesbaar en verwijder het. Meldingen die nog niet zijn verzonden, gaan verloren.</translation>
    </message>
    <message>
      <source>Erase everything…</source>
      <translation>Alles wissen…</translation>
    </message>
  </context>
  <context>
    <name>SetupPage</name>
    <message>
      <source>Welcome to Signaal</source>
      <translation>Welkom bij Signaal</translation>
    </message>
    <message>
      <source>Signaal helps you record signals of possible human trafficking for CoMensha, also without an internet connection. What you enter stays encrypted on this computer, protected by your passphrase. When you finalise a report it is sealed so that only CoMensha can read it, and it is sent as soon as there is a connection.</source>
      <translation>Met Signaal legt u signalen van mogelijke mensenhandel vast voor CoMensha, ook zonder internetverbinding. Wat u invult, blijft versleuteld op deze computer, beveiligd met uw wachtwoordzin. Als u een melding afrondt, wordt hij verzegeld zodat alleen CoMensha hem kan lezen, en verzonden zodra er verbinding is.</translation>
    </message>
    <message>
      <source>&amp;Language</source>
      <translation>&amp;Taal</translation>
    </message>
    <message>
      <source>&amp;Passphrase</source>
      <translation>&amp;Wachtwoordzin</translation>
    </message>
    <message>
      <source>&amp;Repeat passphrase</source>
      <translation>Wachtwoordzin &amp;herhalen</translation>
    </message>
    <message>
      <source>&amp;Your work</source>
      <translation>&amp;Uw werk</translation>
    </message>
    <message>
      <source>Language</source>
      <translation>Taal</translation>
    </message>
    <message>
      <source>Passphrase</source>
      <translation>Wachtwoordzin</translation>
    </message>
    <message>
      <source>For example: three or four words you will remember</source>
      <translation>Bijvoorbeeld: drie of vier woorden die u onthoudt</translation>
    </message>
    <message>
      <source>Repeat passphrase</source>
      <translation>Wachtwoordzin herhalen</translation>
    </message>
    <message>
      <source>Your work</source>
      <translation>Uw werk</translation>
    </message>
    <message>
      <source>Write your passphrase down somewhere safe. If you forget it, nobody can open your drafts on this computer again: they are lost. Reports you have already finalised are sealed for CoMensha and are not lost. You can change your work later in the settings.</source>
      <translation>Bewaar uw wachtwoordzin op een veilige plek. Vergeet u hem, dan kan niemand uw concepten op deze computer nog openen: die zijn dan verloren. Meldingen die u al heeft afgerond, zijn verzegeld voor CoMensha en gaan niet verloren. Uw werk kunt u later wijzigen in de instellingen.</translation>
    </message>
    <message>
      <source>&amp;Start using Signaal</source>
      <translation>Signaal &amp;gaan gebruiken</translation>
    </message>
    <message numerus="yes">
      <source>Use at least %n characters.</source>
      <translation>
        <numerusform>Gebruik minstens %n teken.</numerusform>
        <numerusform>Gebruik minstens %n tekens.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>The passphrase is too short. Use at least %n characters.</source>
      <translation>
        <numerusform>De wachtwoordzin is te kort. Gebruik minstens %n teken.</numerusform>
        <numerusform>De wachtwoordzin is te kort. Gebruik minstens %n tekens.</numerusform>
      </translation>
    </message>
    <message>
      <source>The two passphrases are not the same. Type the passphrase again in both fields.</source>
      <translation>De twee wachtwoordzinnen zijn niet gelijk. Typ de wachtwoordzin opnieuw in beide velden.</translation>
    </message>
    <message>
      <source>&amp;Restore a backup…</source>
      <translation>Reservekopie &amp;terugzetten…</translation>
    </message>
  </context>
  <context>
    <name>States</name>
    <message>
      <source>Draft</source>
      <translation>Concept</translation>
    </message>
    <message>
      <source>Ready to send</source>
      <translation>Klaar om te verzenden</translation>
    </message>
    <message>
      <source>Sent</source>
      <translation>Verzonden</translation>
    </message>
    <message>
      <source>Cleaned up</source>
      <translation>Opgeschoond</translation>
    </message>
  </context>
  <context>
    <name>StatisticsView</name>
    <message>
      <source>Counting…</source>
      <translation>Bezig met tellen…</translation>
    </message>
    <message>
      <source>The statistics could not be counted. Please try again, or restart the desk.</source>
      <translation>De cijfers konden niet worden geteld. Probeer het opnieuw of start de Desk opnieuw.</translation>
    </message>
    <message>
      <source>%1 = not published: fewer than %2, or a number that would reveal one</source>
      <translation>%1 = niet gepubliceerd: minder dan %2, of een aantal waaruit zo’n klein aantal af te leiden is</translation>
    </message>
    <message>
      <source>persons</source>
      <translation>personen</translation>
    </message>
    <message>
      <source>reports</source>
      <translation>meldingen</translation>
    </message>
    <message>
      <source>Signaal Desk · %1 · %2: %3</source>
      <translation>Signaal Desk · %1 · %2: %3</translation>
    </message>
    <message>
      <source>Q%1 %2</source>
      <translation>K%1 %2</translation>
    </message>
    <message>
      <source>No reports to count yet.</source>
      <translation>Er zijn nog geen meldingen om te tellen.</translation>
    </message>
    <message>
      <source>No reports in this period.</source>
      <translation>Geen meldingen in deze periode.</translation>
    </message>
    <message>
      <source>Not published: saved as %1</source>
      <translation>Niet gepubliceerd: opgeslagen als %1</translation>
    </message>
    <message>
      <source>CSV, this table (*.csv)</source>
      <translation>CSV, deze tabel (*.csv)</translation>
    </message>
    <message>
      <source>CSV, all tables (*.csv)</source>
      <translation>CSV, alle tabellen (*.csv)</translation>
    </message>
    <message>
      <source>PNG, this chart (*.png)</source>
      <translation>PNG, deze grafiek (*.png)</translation>
    </message>
    <message>
      <source>PDF, all tables and charts (*.pdf)</source>
      <translation>PDF, alle tabellen en grafieken (*.pdf)</translation>
    </message>
    <message>
      <source>Save statistics</source>
      <translation>Cijfers opslaan</translation>
    </message>
    <message>
      <source>Could not save %1: %2</source>
      <translation>%1 kon niet worden opgeslagen: %2</translation>
    </message>
    <message>
      <source>the file could not be written</source>
      <translation>het bestand kon niet worden geschreven</translation>
    </message>
    <message>
      <source>Saved: %1</source>
      <translation>Opgeslagen: %1</translation>
    </message>
    <message>
      <source>&amp;Year</source>
      <translation>&amp;Jaar</translation>
    </message>
    <message>
      <source>&amp;Period</source>
      <translation>&amp;Periode</translation>
    </message>
    <message>
      <source>By &amp;report</source>
      <translation>Per &amp;melding</translation>
    </message>
    <message>
      <source>By p&amp;erson</source>
      <translation>Per p&amp;ersoon</translation>
    </message>
    <message>
      <source>As p&amp;ublished</source>
      <translation>Zoals gepu&amp;bliceerd</translation>
    </message>
    <message>
      <source>Show the numbers as they are saved: small numbers as %1</source>
      <translation>Toon de aantallen zoals ze worden opgeslagen: kleine aantallen als %1</translation>
    </message>
    <message>
      <source>&amp;Save…</source>
      <translation>&amp;Opslaan…</translation>
    </message>
    <message>
      <source>Whole year</source>
      <translation>Heel het jaar</translation>
    </message>
    <message>
      <source>Quarter %1</source>
      <translation>Kwartaal %1</translation>
    </message>
  </context>
  <context>
    <name>SyncStatusWidget</name>
    <message numerus="yes">
      <source>CoMensha not reachable — %n report(s) waiting</source>
      <translation>
        <numerusform>CoMensha niet bereikbaar — %n melding wacht</numerusform>
        <numerusform>CoMensha niet bereikbaar — %n meldingen wachten</numerusform>
      </translation>
    </message>
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
      <translation>De verbindingssleutel kan niet uit de beveiligde opslag worden gelezen — verbind opnieuw via Instellingen</translation>
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
  <context>
    <name>StatisticsTab</name>
    <message>
      <source>&amp;Publish counts from</source>
      <translation>&amp;Aantallen publiceren vanaf</translation>
    </message>
    <message>
      <source>reports or persons</source>
      <translation>meldingen of personen</translation>
    </message>
  </context>
  <context>
    <name>UnlockPage</name>
    <message>
      <source>Signaal is locked</source>
      <translation>Signaal is vergrendeld</translation>
    </message>
    <message>
      <source>Everything is hidden. Type your passphrase to continue.</source>
      <translation>Alles is verborgen. Typ uw wachtwoordzin om verder te gaan.</translation>
    </message>
    <message>
      <source>Unlock Signaal</source>
      <translation>Signaal ontgrendelen</translation>
    </message>
    <message>
      <source>Type your passphrase to open your reports.</source>
      <translation>Typ uw wachtwoordzin om uw meldingen te openen.</translation>
    </message>
    <message>
      <source>&amp;Passphrase</source>
      <translation>&amp;Wachtwoordzin</translation>
    </message>
    <message>
      <source>Passphrase</source>
      <translation>Wachtwoordzin</translation>
    </message>
    <message>
      <source>&amp;Language</source>
      <translation>&amp;Taal</translation>
    </message>
    <message>
      <source>Language</source>
      <translation>Taal</translation>
    </message>
    <message>
      <source>&amp;Unlock</source>
      <translation>&amp;Ontgrendelen</translation>
    </message>
    <message numerus="yes">
      <source>You can try again in %n second(s).</source>
      <translation>
        <numerusform>U kunt het over %n seconde opnieuw proberen.</numerusform>
        <numerusform>U kunt het over %n seconden opnieuw proberen.</numerusform>
      </translation>
    </message>
    <message>
      <source>Type your passphrase first.</source>
      <translation>Typ eerst uw wachtwoordzin.</translation>
    </message>
    <message numerus="yes">
      <source>Wait %n more second(s), then press Enter again.</source>
      <translation>
        <numerusform>Wacht nog %n seconde en druk dan opnieuw op Enter.</numerusform>
        <numerusform>Wacht nog %n seconden en druk dan opnieuw op Enter.</numerusform>
      </translation>
    </message>
    <message>
      <source>&amp;Go on with what is there</source>
      <translation>&amp;Doorgaan met wat er is</translation>
    </message>
  </context>
  <context>
    <name>WipeDialog</name>
    <message>
      <source>Erase everything</source>
      <translation>Alles wissen</translation>
    </message>
    <message>
      <source>Type the words to confirm</source>
      <translation>Typ de woorden om te bevestigen</translation>
    </message>
    <message>
      <source>This makes everything of Signaal on this computer unreadable at once and removes it: drafts, reports that have not been sent, receipts, the audit log, settings and the connection to CoMensha. It cannot be undone, and nothing of it can be kept, not even a note that it happened. Backups and hand-off files on USB disks are not touched.

Type %1 to confirm.</source>
      <translation>Hiermee wordt alles van Signaal op deze computer in één keer onleesbaar gemaakt en verwijderd: concepten, meldingen die nog niet zijn verzonden, ontvangstbewijzen, het logboek, instellingen en de koppeling met CoMensha. Dit kan niet ongedaan worden gemaakt, en er blijft niets van over, ook geen aantekening dat het is gebeurd. Reservekopieën en overdrachtsbestanden op USB-sticks worden niet aangeraakt.

Typ %1 om te bevestigen.</translation>
    </message>
  </context>
  <context>
    <name>TriagePanel</name>
    <message>
      <source>Triage</source>
      <translation>Triage</translation>
    </message>
    <message>
      <source>State</source>
      <translation>Status</translation>
    </message>
    <message>
      <source>&amp;Referred to</source>
      <translation>&amp;Doorverwezen naar</translation>
    </message>
    <message>
      <source>Organisation (no names of people)</source>
      <translation>Organisatie (geen namen van mensen)</translation>
    </message>
    <message>
      <source>&amp;Assignee</source>
      <translation>&amp;Behandelaar</translation>
    </message>
    <message>
      <source>Assi&amp;gn</source>
      <translation>T&amp;oewijzen</translation>
    </message>
    <message>
      <source>Assign to &amp;me</source>
      <translation>Aan &amp;mij toewijzen</translation>
    </message>
    <message>
      <source>Internal notes</source>
      <translation>Interne notities</translation>
    </message>
    <message>
      <source>A note for the team (stays within CoMensha)</source>
      <translation>Een notitie voor het team (blijft binnen CoMensha)</translation>
    </message>
    <message>
      <source>Add &amp;note</source>
      <translation>&amp;Notitie toevoegen</translation>
    </message>
    <message>
      <source>(not yet shared with the team)</source>
      <translation>(nog niet gedeeld met het team)</translation>
    </message>
    <message>
      <source>(not yet shared)</source>
      <translation>(nog niet gedeeld)</translation>
    </message>
    <message>
      <source>Your change of the %1 (%2) was overtaken by %3, who set %4 at the same time.</source>
      <translation>Uw wijziging van de %1 (%2) is ingehaald door %3, die tegelijk %4 koos.</translation>
    </message>
    <message>
      <source>Fill in to whom the report is referred first.</source>
      <translation>Vul eerst in naar wie de melding is doorverwezen.</translation>
    </message>
    <message>
      <source>Type a note first.</source>
      <translation>Typ eerst een notitie.</translation>
    </message>
    <message>
      <source>A note can be at most %1 characters.</source>
      <translation>Een notitie mag hoogstens %1 tekens hebben.</translation>
    </message>
    <message>
      <source>I have seen this</source>
      <translation>Gezien</translation>
    </message>
  </context>
  <context>
    <name>BackupDialog</name>
    <message>
      <source>Make a backup</source>
      <translation>Reservekopie maken</translation>
    </message>
    <message>
      <source>A backup holds everything in Signaal on this computer, encrypted with a passphrase of its own. Keep that passphrase apart from the backup: without it the backup cannot be opened, also not by you.</source>
      <translation>Een reservekopie bevat alles van Signaal op deze computer, versleuteld met een eigen wachtwoordzin. Bewaar die wachtwoordzin apart van de reservekopie: zonder die zin gaat de reservekopie niet open, ook niet voor u.</translation>
    </message>
    <message>
      <source>Choose…</source>
      <translation>Kiezen…</translation>
    </message>
    <message>
      <source>File</source>
      <translation>Bestand</translation>
    </message>
    <message>
      <source>Backup passphrase</source>
      <translation>Wachtwoordzin van de reservekopie</translation>
    </message>
    <message>
      <source>Repeat it</source>
      <translation>Nog een keer</translation>
    </message>
    <message>
      <source>Make backup</source>
      <translation>Reservekopie maken</translation>
    </message>
    <message>
      <source>Choose where the backup goes, for example a USB disk.</source>
      <translation>Kies waar de reservekopie komt, bijvoorbeeld op een USB-stick.</translation>
    </message>
    <message>
      <source>The two passphrases are not the same.</source>
      <translation>De twee wachtwoordzinnen zijn niet gelijk.</translation>
    </message>
    <message>
      <source>Backup made</source>
      <translation>Reservekopie gemaakt</translation>
    </message>
    <message>
      <source>The backup could not be written there. Is the USB disk still in, and is there room on it?</source>
      <translation>De reservekopie kon daar niet worden geschreven. Zit de USB-stick er nog in, en is er ruimte op?</translation>
    </message>
  </context>
  <context>
    <name>RestoreDialog</name>
    <message>
      <source>Restore a backup</source>
      <translation>Reservekopie terugzetten</translation>
    </message>
    <message>
      <source>Puts everything from a backup on this computer, for example after a new laptop. You choose the passphrase you will unlock Signaal with here.</source>
      <translation>Zet alles uit een reservekopie op deze computer, bijvoorbeeld na een nieuwe laptop. U kiest de wachtwoordzin waarmee u Signaal hier ontgrendelt.</translation>
    </message>
    <message>
      <source>Choose…</source>
      <translation>Kiezen…</translation>
    </message>
    <message>
      <source>Backup file</source>
      <translation>Reservekopie</translation>
    </message>
    <message>
      <source>Backup passphrase</source>
      <translation>Wachtwoordzin van de reservekopie</translation>
    </message>
    <message>
      <source>New passphrase for Signaal</source>
      <translation>Nieuwe wachtwoordzin voor Signaal</translation>
    </message>
    <message>
      <source>Repeat it</source>
      <translation>Nog een keer</translation>
    </message>
    <message>
      <source>Restore</source>
      <translation>Terugzetten</translation>
    </message>
    <message>
      <source>Choose the backup file.</source>
      <translation>Kies de reservekopie.</translation>
    </message>
    <message>
      <source>The two new passphrases are not the same.</source>
      <translation>De twee nieuwe wachtwoordzinnen zijn niet gelijk.</translation>
    </message>
    <message>
      <source>The backup file could not be read. Is the USB disk still in?</source>
      <translation>De reservekopie kon niet worden gelezen. Zit de USB-stick er nog in?</translation>
    </message>
  </context>
</TS>
