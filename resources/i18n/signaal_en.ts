<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="en_GB">
  <context>
    <name>AboutDialog</name>
    <message>
      <source>About Signaal</source>
      <translation>About Signaal</translation>
    </message>
    <message>
      <source>Signaal %1</source>
      <translation>Signaal %1</translation>
    </message>
    <message>
      <source>Record signals of possible human trafficking offline, sealed for CoMensha.</source>
      <translation>Record signals of possible human trafficking offline, sealed for CoMensha.</translation>
    </message>
    <message>
      <source>Version</source>
      <translation>Version</translation>
    </message>
    <message>
      <source>Data folder</source>
      <translation>Data folder</translation>
    </message>
    <message>
      <source>SQLCipher version</source>
      <translation>SQLCipher version</translation>
    </message>
    <message>
      <source>unknown</source>
      <translation>unknown</translation>
    </message>
    <message>
      <source>Keyring</source>
      <translation>Secure storage</translation>
    </message>
    <message>
      <source>none</source>
      <translation>none</translation>
    </message>
    <message>
      <source>Your passphrase and this account's keyring.</source>
      <translation>Your passphrase and this user account's secure storage.</translation>
    </message>
    <message>
      <source>Your passphrase alone (no secure keyring on this computer).</source>
      <translation>Your passphrase alone (this computer has no secure storage for keys).</translation>
    </message>
    <message>
      <source>Store protected by</source>
      <translation>Store protected by</translation>
    </message>
    <message>
      <source>Qt version</source>
      <translation>Qt version</translation>
    </message>
  </context>
  <context>
    <name>App</name>
    <message>
      <source>Signaal is already open on this computer. Use that window; it may be hidden behind other windows or locked.</source>
      <translation>Signaal is already open on this computer. Use that window; it may be hidden behind other windows or locked.</translation>
    </message>
  </context>
  <context>
    <name>AuditDialog</name>
    <message>
      <source>Audit log</source>
      <translation>Audit log</translation>
    </message>
    <message>
      <source>Everything Signaal did with your reports, newest first. The log holds no content: only what happened, when, and to which report.</source>
      <translation>Everything Signaal did with your reports, newest first. The log holds no content: only what happened, when, and to which report.</translation>
    </message>
    <message>
      <source>When</source>
      <translation>When</translation>
    </message>
    <message>
      <source>What</source>
      <translation>What</translation>
    </message>
    <message>
      <source>Report</source>
      <translation>Report</translation>
    </message>
    <message>
      <source>&amp;Verify chain</source>
      <translation>&amp;Check the log</translation>
    </message>
    <message>
      <source>Check that no entry was changed or removed</source>
      <translation>Check that no entry was changed or removed</translation>
    </message>
    <message>
      <source>Show &amp;more</source>
      <translation>Show &amp;more</translation>
    </message>
    <message>
      <source>Checking…</source>
      <translation>Checking…</translation>
    </message>
    <message numerus="yes">
      <source>The chain is intact: %n entry(s) checked, none changed or removed.</source>
      <translation>
        <numerusform>The log is in order: %n entry checked, none changed or removed.</numerusform>
        <numerusform>The log is in order: %n entries checked, none changed or removed.</numerusform>
      </translation>
    </message>
    <message>
      <source>The chain is broken at entry %1. An entry was changed or removed outside Signaal. Do not delete anything; contact your administrator.</source>
      <translation>The log no longer adds up from entry %1: an entry was changed or removed outside Signaal. Do not delete anything; contact your administrator.</translation>
    </message>
  </context>
  <context>
    <name>AuditEvents</name>
    <message>
      <source>Store created</source>
      <translation>Store created</translation>
    </message>
    <message>
      <source>Unlocked</source>
      <translation>Unlocked</translation>
    </message>
    <message>
      <source>Passphrase changed</source>
      <translation>Passphrase changed</translation>
    </message>
    <message>
      <source>Report started</source>
      <translation>Report started</translation>
    </message>
    <message>
      <source>Draft deleted</source>
      <translation>Draft deleted</translation>
    </message>
    <message>
      <source>Report finalised</source>
      <translation>Report finalised</translation>
    </message>
    <message>
      <source>Report sealed for CoMensha</source>
      <translation>Report sealed for CoMensha</translation>
    </message>
    <message>
      <source>Report sent, receipt received</source>
      <translation>Report sent, receipt received</translation>
    </message>
    <message>
      <source>CoMensha reported a conflict</source>
      <translation>CoMensha reported a conflict</translation>
    </message>
    <message>
      <source>Report content cleaned up</source>
      <translation>Report content cleaned up</translation>
    </message>
    <message>
      <source>Sent reports cleaned up</source>
      <translation>Sent reports cleaned up</translation>
    </message>
    <message>
      <source>Connected to CoMensha</source>
      <translation>Connected to CoMensha</translation>
    </message>
    <message>
      <source>Disconnected from CoMensha</source>
      <translation>Disconnected from CoMensha</translation>
    </message>
    <message>
      <source>Connection withdrawn by CoMensha</source>
      <translation>Connection withdrawn by CoMensha</translation>
    </message>
    <message>
      <source>Reports sent, receipts received</source>
      <translation>Reports sent, receipts received</translation>
    </message>
    <message>
      <source>A receipt did not check out and was refused</source>
      <translation>A receipt did not check out and was refused</translation>
    </message>
    <message>
      <source>Report sealed again with only what may be sent</source>
      <translation>Report sealed again with only what may be sent</translation>
    </message>
    <message>
      <source>Waiting reports sealed again with only what may be sent</source>
      <translation>Waiting reports sealed again with only what may be sent</translation>
    </message>
    <message>
      <source>Report held back until it can be sealed again</source>
      <translation>Report held back until it can be sealed again</translation>
    </message>
    <message>
      <source>Backup written</source>
      <translation>Backup written</translation>
    </message>
    <message>
      <source>Restored from a backup</source>
      <translation>Restored from a backup</translation>
    </message>
    <message>
      <source>Hand-off file written for CoMensha</source>
      <translation>Hand-off file written for CoMensha</translation>
    </message>
    <message>
      <source>Receipts read from a file</source>
      <translation>Receipts read from a file</translation>
    </message>
    <message>
      <source>This computer's keyring is used from now on</source>
      <translation>This computer's secure storage is used from now on</translation>
    </message>
    <message>
      <source>The check for lost changes was made anew</source>
      <translation>The check for lost changes was made anew</translation>
    </message>
    <message>
      <source>Opened with what was there after a loss of saved changes</source>
      <translation>Opened with what was there after a loss of saved changes</translation>
    </message>
  </context>
  <context>
    <name>ConnectionPanel</name>
    <message>
      <source>Device number for CoMensha: %1</source>
      <translation>Device number for CoMensha: %1</translation>
    </message>
    <message>
      <source>Connected to {server} since {when}.</source>
      <translation>Connected to {server} since {when}.</translation>
    </message>
    <message>
      <source>Connect, Disconnect and Enrol again take effect at once; Save and Cancel below are about the other settings.</source>
      <translation>Connect, Disconnect and Enrol again take effect at once; Save and Cancel below are about the other settings.</translation>
    </message>
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
    <name>CrashDialog</name>
    <message>
      <source>Signaal — unexpected problem</source>
      <translation>Signaal — unexpected problem</translation>
    </message>
    <message>
      <source>Signaal ran into a problem it did not expect. What you saved is safe; what you typed in the last seconds may need to be typed again. If this keeps happening, copy the report below and send it to your administrator. It contains no answers or names.</source>
      <translation>Signaal ran into a problem it did not expect. What you saved is safe; what you typed in the last seconds may need to be typed again. If this keeps happening, copy the report below and send it to your administrator. It contains no answers or names.</translation>
    </message>
    <message>
      <source>Problem report</source>
      <translation>Problem report</translation>
    </message>
    <message>
      <source>&amp;Copy report</source>
      <translation>&amp;Copy report</translation>
    </message>
  </context>
  <context>
    <name>Errors</name>
    <message>
      <source>Something went wrong that Signaal did not expect. Your saved work is safe. Try again; if it happens again, restart Signaal.</source>
      <translation>Something went wrong that Signaal did not expect. Your saved work is safe. Try again; if it happens again, restart Signaal.</translation>
    </message>
  </context>
  <context>
    <name>Desk</name>
    <message>
      <source>same person</source>
      <translation>same person</translation>
    </message>
    <message>
      <source>not the same person</source>
      <translation>not the same person</translation>
    </message>
    <message>
      <source>New</source>
      <translation>New</translation>
    </message>
    <message>
      <source>In progress</source>
      <translation>In progress</translation>
    </message>
    <message>
      <source>Registered</source>
      <translation>Registered</translation>
    </message>
    <message>
      <source>Referred</source>
      <translation>Referred</translation>
    </message>
    <message>
      <source>Not trafficking</source>
      <translation>Not trafficking</translation>
    </message>
    <message>
      <source>Back to new</source>
      <translation>Back to new</translation>
    </message>
    <message>
      <source>Take in progress</source>
      <translation>Take in progress</translation>
    </message>
    <message>
      <source>Register</source>
      <translation>Register</translation>
    </message>
    <message>
      <source>Refer…</source>
      <translation>Refer…</translation>
    </message>
    <message>
      <source>follow-up of</source>
      <translation>follow-up of</translation>
    </message>
    <message>
      <source>followed up by</source>
      <translation>followed up by</translation>
    </message>
    <message>
      <source>nationality</source>
      <translation>nationality</translation>
    </message>
    <message>
      <source>gender</source>
      <translation>gender</translation>
    </message>
    <message>
      <source>age band</source>
      <translation>age band</translation>
    </message>
    <message>
      <source>municipality</source>
      <translation>municipality</translation>
    </message>
    <message>
      <source>reporting organisation</source>
      <translation>reporting organisation</translation>
    </message>
    <message>
      <source>period</source>
      <translation>period</translation>
    </message>
    <message>
      <source>state</source>
      <translation>state</translation>
    </message>
    <message>
      <source>assignee</source>
      <translation>assignee</translation>
    </message>
    <message>
      <source>link</source>
      <translation>link</translation>
    </message>
  </context>
  <context>
    <name>DeskSetupPage</name>
    <message>
      <source>Set up Signaal Desk</source>
      <translation>Set up Signaal Desk</translation>
    </message>
    <message>
      <source>Signaal Desk opens the reports sent to CoMensha on this computer, with CoMensha's private key. It keeps the key and the reports in an encrypted store that only your passphrase opens. Choose a passphrase and the key file that 'signaal-receiver init' wrote.</source>
      <translation>Signaal Desk opens the reports sent to CoMensha on this computer, with CoMensha's private key. It keeps the key and the reports in an encrypted store that only your passphrase opens. Choose a passphrase and the key file that 'signaal-receiver init' wrote.</translation>
    </message>
    <message>
      <source>&amp;Language</source>
      <translation>&amp;Language</translation>
    </message>
    <message>
      <source>&amp;Passphrase</source>
      <translation>&amp;Passphrase</translation>
    </message>
    <message>
      <source>&amp;Repeat passphrase</source>
      <translation>&amp;Repeat passphrase</translation>
    </message>
    <message>
      <source>&amp;Key file</source>
      <translation>&amp;Key file</translation>
    </message>
    <message>
      <source>&amp;Choose…</source>
      <translation>&amp;Choose…</translation>
    </message>
    <message>
      <source>&amp;Set up</source>
      <translation>&amp;Set up</translation>
    </message>
    <message numerus="yes">
      <source>At least %n characters.</source>
      <translation>
        <numerusform>At least %n character.</numerusform>
        <numerusform>At least %n characters.</numerusform>
      </translation>
    </message>
    <message>
      <source>CoMensha's key file</source>
      <translation>CoMensha's key file</translation>
    </message>
    <message>
      <source>The two passphrases differ. Type them again.</source>
      <translation>The two passphrases differ. Type them again.</translation>
    </message>
    <message>
      <source>Choose CoMensha's key file first.</source>
      <translation>Choose CoMensha's key file first.</translation>
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
      <translation>S&amp;tatistics</translation>
    </message>
    <message>
      <source>&amp;Fetch and share now</source>
      <translation>&amp;Fetch and share now</translation>
    </message>
    <message>
      <source>&amp;Enrol with the receiver…</source>
      <translation>&amp;Enrol with the receiver…</translation>
    </message>
    <message>
      <source>E&amp;xport…</source>
      <translation>E&amp;xport…</translation>
    </message>
    <message>
      <source>This desk is not enrolled yet: choose 'Enrol with the receiver'.</source>
      <translation>This desk is not enrolled yet: choose 'Enrol with the receiver'.</translation>
    </message>
    <message>
      <source>Fetching reports and sharing triage…</source>
      <translation>Fetching reports and sharing triage…</translation>
    </message>
    <message numerus="yes">
      <source>%n new report(s)</source>
      <translation>
        <numerusform>%n new report</numerusform>
        <numerusform>%n new reports</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n in quarantine</source>
      <translation>
        <numerusform>%n in quarantine</numerusform>
        <numerusform>%n in quarantine</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n change(s) shared</source>
      <translation>
        <numerusform>%n change shared</numerusform>
        <numerusform>%n changes shared</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n of your changes overtaken by a colleague</source>
      <translation>
        <numerusform>%n of your changes overtaken by a colleague</numerusform>
        <numerusform>%n of your changes overtaken by a colleague</numerusform>
      </translation>
    </message>
    <message>
      <source>Up to date: %1.</source>
      <translation>Up to date: %1.</translation>
    </message>
    <message>
      <source>Working offline: %1 Your changes are kept and shared later.</source>
      <translation>Working offline: %1 Your changes are kept and shared later.</translation>
    </message>
    <message>
      <source>&amp;Quarantine</source>
      <translation>&amp;Quarantine</translation>
    </message>
    <message>
      <source>The receiver no longer accepts this desk (revoked or unknown). Your changes are kept. Enrol the desk again with a new code.</source>
      <translation>The receiver no longer accepts this desk (revoked or unknown). Your changes are kept. Enrol the desk again with a new code.</translation>
    </message>
    <message>
      <source>&amp;Lock (Ctrl+L)</source>
      <translation>&amp;Lock (Ctrl+L)</translation>
    </message>
    <message>
      <source>&amp;Lock</source>
      <translation>&amp;Lock</translation>
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
      <translation>Enrol this desk</translation>
    </message>
    <message>
      <source>Ask the receiver's operator for a one-time code ('signaal-receiver registrar add') and type it here with the address.</source>
      <translation>Ask the receiver's operator for a one-time code ('signaal-receiver registrar add') and type it here with the address.</translation>
    </message>
    <message>
      <source>&amp;Address</source>
      <translation>&amp;Address</translation>
    </message>
    <message>
      <source>One-time &amp;code</source>
      <translation>One-time &amp;code</translation>
    </message>
    <message>
      <source>&amp;Name of this desk</source>
      <translation>&amp;Name of this desk</translation>
    </message>
    <message>
      <source>Type the receiver's address, starting with https://.</source>
      <translation>Type the receiver's address, starting with https://.</translation>
    </message>
    <message>
      <source>Type the one-time code.</source>
      <translation>Type the one-time code.</translation>
    </message>
  </context>
  <context>
    <name>Fields</name>
    <message>
      <source>Y, N, D (or 1, 2, 3): answer and go to the next signal; R: the rest &quot;don't know&quot;; Enter: next question</source>
      <translation>Y, N, D (or 1, 2, 3): answer and go to the next signal; R: the rest &quot;don't know&quot;; Enter: next question</translation>
    </message>
    <message>
      <source>Keys: Y = yes, N = no, D = don't know (or 1, 2, 3)</source>
      <translation>Keys: Y = yes, N = no, D = don't know (or 1, 2, 3)</translation>
    </message>
    <message>
      <source>Fill in today's date (T in the date field)</source>
      <translation>Fill in today's date (T in the date field)</translation>
    </message>
    <message>
      <source>Type a date like 28-11 or 28-11-2026; T: today (and on to the next question)</source>
      <translation>Type a date like 28-11 or 28-11-2026; T: today (and on to the next question)</translation>
    </message>
    <message>
      <source>Type the first letters of an answer to choose it; Enter: next question</source>
      <translation>Type the first letters of an answer to choose it; Enter: next question</translation>
    </message>
    <message>
      <source>Keys: 1–%1 choose an answer and go on, arrow keys move; Enter: next question</source>
      <translation>Keys: 1–%1 choose an answer and go on, arrow keys move; Enter: next question</translation>
    </message>
    <message>
      <source>; Enter: next question</source>
      <translation>; Enter: next question</translation>
    </message>
    <message>
      <source>Arrow keys move, Space ticks an answer (more than one is allowed); Enter: next question</source>
      <translation>Arrow keys move, Space ticks an answer (more than one is allowed); Enter: next question</translation>
    </message>
    <message>
      <source>Type a country; Enter ticks it and goes to the next question, Shift+Enter ticks it and stays for another; Down: the list</source>
      <translation>Type a country; Enter ticks it and goes to the next question, Shift+Enter ticks it and stays for another; Down: the list</translation>
    </message>
    <message>
      <source>Type the country's name; Enter: take it and go to the next question</source>
      <translation>Type the country's name; Enter: take it and go to the next question</translation>
    </message>
    <message>
      <source>Keys: Y = yes, N = no, D = don't know (or 1, 2, 3) answer a signal and go to the next one; R: all signals not yet answered become &quot;don't know&quot;.</source>
      <translation>Keys: Y = yes, N = no, D = don't know (or 1, 2, 3) answer a signal and go to the next one; R: all signals not yet answered become &quot;don't know&quot;.</translation>
    </message>
    <message>
      <source>Rest: don't know</source>
      <translation>Rest: don't know</translation>
    </message>
    <message>
      <source>Answer every signal that has no answer yet with &quot;don't know&quot; (R)</source>
      <translation>Answer every signal that has no answer yet with &quot;don't know&quot; (R)</translation>
    </message>
    <message>
      <source>filled in: today; change it if needed</source>
      <translation>filled in: today; change it if needed</translation>
    </message>
    <message>
      <source>filled in from the age; change it if needed</source>
      <translation>filled in from the age; change it if needed</translation>
    </message>
    <message>
      <source>Enter: next question</source>
      <translation>Enter: next question</translation>
    </message>
    <message>
      <source>%1 of at most %2 characters</source>
      <translation>%1 of at most %2 characters</translation>
    </message>
    <message>
      <source>Yes</source>
      <translation>Yes</translation>
    </message>
    <message>
      <source>No</source>
      <translation>No</translation>
    </message>
    <message>
      <source>Don't know</source>
      <translation>Don't know</translation>
    </message>
    <message>
      <source> (required)</source>
      <translation> (required)</translation>
    </message>
    <message>
      <source>dd-mm-yyyy</source>
      <translation>dd-mm-yyyy</translation>
    </message>
    <message>
      <source>Today</source>
      <translation>Today</translation>
    </message>
    <message>
      <source>Fill in today's date</source>
      <translation>Fill in today's date</translation>
    </message>
    <message>
      <source>This is not a date. Type it like 31-12-2025.</source>
      <translation>This is not a date. Type it like 31-12-2025.</translation>
    </message>
    <message>
      <source>— choose —</source>
      <translation>— choose —</translation>
    </message>
    <message>
      <source>Type to search a country</source>
      <translation>Type to search a country</translation>
    </message>
    <message>
      <source>Type a country; Enter ticks it</source>
      <translation>Type a country; Enter ticks it</translation>
    </message>
    <message>
      <source>Search a country</source>
      <translation>Search a country</translation>
    </message>
    <message>
      <source>Note</source>
      <translation>Note</translation>
    </message>
    <message>
      <source>Add a note to this signal</source>
      <translation>Add a note to this signal</translation>
    </message>
    <message>
      <source>Note for: %1</source>
      <translation>Note for: %1</translation>
    </message>
    <message>
      <source>Note (optional)</source>
      <translation>Note (optional)</translation>
    </message>
      <message>
      <source>&amp;Add %1</source>
      <translation>&amp;Add %1</translation>
    </message>
    <message>
      <source>No one added yet.</source>
      <translation>No one added yet.</translation>
    </message>
    <message>
      <source>Remove</source>
      <translation>Remove</translation>
    </message>
    <message>
      <source>Remove %1</source>
      <translation>Remove %1</translation>
    </message>
    <message>
      <source>At most %1.</source>
      <translation>At most %1.</translation>
    </message>
</context>
  <context>
    <name>ExportDialog</name>
    <message>
      <source>Export reports</source>
      <translation>Export reports</translation>
    </message>
    <message numerus="yes">
      <source>%n report(s) match the inbox's filters. The export holds what the form lets leave, with withdrawals of consent applied.</source>
      <translation>
        <numerusform>%n report matches the inbox's filters. The export holds what the form lets leave, with withdrawals of consent applied.</numerusform>
        <numerusform>%n reports match the inbox's filters. The export holds what the form lets leave, with withdrawals of consent applied.</numerusform>
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
      <translation>Excel workbook (XLSX), with codebook</translation>
    </message>
    <message>
      <source>&amp;Choose…</source>
      <translation>&amp;Choose…</translation>
    </message>
    <message>
      <source>&amp;Format</source>
      <translation>&amp;Format</translation>
    </message>
    <message>
      <source>&amp;File</source>
      <translation>&amp;File</translation>
    </message>
    <message>
      <source>Export to</source>
      <translation>Export to</translation>
    </message>
    <message>
      <source>Choose where to save the export.</source>
      <translation>Choose where to save the export.</translation>
    </message>
    <message>
      <source>That folder does not exist.</source>
      <translation>That folder does not exist.</translation>
    </message>
    <message numerus="yes">
      <source>%n report(s) exported.</source>
      <translation>
        <numerusform>%n report exported.</numerusform>
        <numerusform>%n reports exported.</numerusform>
      </translation>
    </message>
    <message>
      <source>Not exported or not applied: %1</source>
      <translation>Not exported or not applied: %1</translation>
    </message>
  </context>
  <context>
    <name>FinaliseDialog</name>
    <message>
      <source>Seen: %1</source>
      <translation>Seen: %1</translation>
    </message>
    <message>
      <source>No signal answered with yes</source>
      <translation>No signal answered with yes</translation>
    </message>
    <message numerus="yes">
      <source>%n unknown</source>
      <translation>
        <numerusform>%n unknown</numerusform>
        <numerusform>%n unknown</numerusform>
      </translation>
    </message>
    <message>
      <source>Finalise report</source>
      <translation>Finalise report</translation>
    </message>
    <message numerus="yes">
      <source>Before this report can be finalised, %n thing(s) need(s) your attention. Choose one to go there.</source>
      <translation>
        <numerusform>Before this report can be finalised, %n thing needs your attention. Choose it to go there.</numerusform>
        <numerusform>Before this report can be finalised, %n things need your attention. Choose one to go there.</numerusform>
      </translation>
    </message>
    <message>
      <source>&amp;Go to field</source>
      <translation>&amp;Go to field</translation>
    </message>
    <message>
      <source>What still needs attention</source>
      <translation>What still needs attention</translation>
    </message>
    <message>
      <source>Check what will be sent to CoMensha. After finalising you can no longer change this report; if something needs adding, make a new report.</source>
      <translation>Check what will be sent to CoMensha. After finalising you can no longer change this report; if something needs adding, make a new report.</translation>
    </message>
    <message>
      <source>What will be sent</source>
      <translation>What will be sent</translation>
    </message>
    <message>
      <source>The report is sealed so that only CoMensha can read it, and is sent as soon as there is a connection.</source>
      <translation>The report is sealed so that only CoMensha can read it, and is sent as soon as there is a connection.</translation>
    </message>
    <message>
      <source>&amp;Finalise and send</source>
      <translation>&amp;Finalise and send</translation>
    </message>
    <message>
      <source>Notes: %1</source>
      <translation>Notes: %1</translation>
    </message>
    <message>
      <source>notes with the signals</source>
      <translation>notes with the signals</translation>
    </message>
    <message>
      <source>This stays on this computer and is not sent: %1.</source>
      <translation>This stays on this computer and is not sent: %1.</translation>
    </message>
    <message>
      <source>signals about health</source>
      <translation>signals about health</translation>
    </message>
  </context>
  <context>
    <name>FormPickerDialog</name>
    <message>
      <source>New report</source>
      <translation>New report</translation>
    </message>
    <message>
      <source>Which form do you want to use? The form for your work is at the top.</source>
      <translation>Which form do you want to use? The form for your work is at the top.</translation>
    </message>
    <message>
      <source>Forms</source>
      <translation>Forms</translation>
    </message>
    <message>
      <source>&amp;Start report</source>
      <translation>&amp;Start report</translation>
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
      <translation>Previous</translation>
    </message>
    <message>
      <source>Previous section (Ctrl+PgUp)</source>
      <translation>Previous section (Ctrl+PgUp)</translation>
    </message>
    <message>
      <source>Next</source>
      <translation>Next</translation>
    </message>
    <message>
      <source>Next section (Ctrl+PgDown); Alt+1…9 opens a section</source>
      <translation>Next section (Ctrl+PgDown); Alt+1…9 opens a section</translation>
    </message>
    <message>
      <source>Enter or Space presses the button; Ctrl+PgDown: next section, Ctrl+Enter: finalise</source>
      <translation>Enter or Space presses the button; Ctrl+PgDown: next section, Ctrl+Enter: finalise</translation>
    </message>
    <message>
      <source>Sections of the form</source>
      <translation>Sections of the form</translation>
    </message>
    <message>
      <source>← My reports</source>
      <translation>← My reports</translation>
    </message>
    <message>
      <source>Back to my reports (Alt+Left). Your work is saved.</source>
      <translation>Back to my reports (Alt+Left). Your work is saved.</translation>
    </message>
    <message>
      <source>&amp;Save</source>
      <translation>&amp;Save</translation>
    </message>
    <message>
      <source>Save now (Ctrl+S). Signaal also saves while you type.</source>
      <translation>Save now (Ctrl+S). Signaal also saves while you type.</translation>
    </message>
    <message>
      <source>&amp;Finalise…</source>
      <translation>&amp;Finalise…</translation>
    </message>
    <message>
      <source>Check and finalise the report (Ctrl+Enter)</source>
      <translation>Check and finalise the report (Ctrl+Enter)</translation>
    </message>
    <message>
      <source>&amp;Delete draft</source>
      <translation>&amp;Delete draft</translation>
    </message>
    <message>
      <source>* required to finalise</source>
      <translation>* required to finalise</translation>
    </message>
    <message>
      <source>Sent on %1. CoMensha has confirmed receipt; the receipt is kept with this report.</source>
      <translation>Sent on %1. CoMensha has confirmed receipt; the receipt is kept with this report.</translation>
    </message>
    <message>
      <source>The content of this report was cleaned up after the retention period. The receipt is kept.</source>
      <translation>The content of this report was cleaned up after the retention period. The receipt is kept.</translation>
    </message>
    <message>
      <source>Finalised. This report can no longer be changed and waits to be sent to CoMensha.</source>
      <translation>Finalised. This report can no longer be changed and waits to be sent to CoMensha.</translation>
    </message>
    <message>
      <source>CoMensha reported a problem with this report; contact CoMensha.</source>
      <translation>CoMensha reported a problem with this report; contact CoMensha.</translation>
    </message>
    <message>
      <source>Your last changes could not be saved. %1</source>
      <translation>Your last changes could not be saved. %1</translation>
    </message>
    <message>
      <source>Saving…</source>
      <translation>Saving…</translation>
    </message>
    <message>
      <source>Changes not yet saved</source>
      <translation>Changes not yet saved</translation>
    </message>
    <message>
      <source>Saved at %1</source>
      <translation>Saved at %1</translation>
    </message>
    <message>
      <source>New draft: saved as soon as you type</source>
      <translation>New draft: saved as soon as you type</translation>
    </message>
    <message>
      <source>Draft</source>
      <translation>Draft</translation>
    </message>
    <message>
      <source>The report was not finalised. %1</source>
      <translation>The report was not finalised. %1</translation>
    </message>
    <message>
      <source>Delete draft</source>
      <translation>Delete draft</translation>
    </message>
    <message>
      <source>Delete this draft? It cannot be brought back. The audit log keeps only that a draft was deleted, not what was in it.</source>
      <translation>Delete this draft? It cannot be brought back. The audit log keeps only that a draft was deleted, not what was in it.</translation>
    </message>
    <message>
      <source>&amp;Keep draft</source>
      <translation>&amp;Keep draft</translation>
    </message>
    <message>
      <source>&amp;Withdraw consent…</source>
      <translation>&amp;Withdraw consent…</translation>
    </message>
    <message>
      <source>Start a follow-up that tells CoMensha the person withdraws consent. It holds no data about the person, only this report's number.</source>
      <translation>Start a follow-up that tells CoMensha the person withdraws consent. It holds no data about the person, only this report's number.</translation>
    </message>
      <message>
      <source>A&amp;ddition…</source>
      <translation>A&amp;ddition…</translation>
    </message>
    <message>
      <source>Start a new report that adds to this one: CoMensha sees that they belong together. You can also withdraw consent in it.</source>
      <translation>Start a new report that adds to this one: CoMensha sees that they belong together. You can also withdraw consent in it.</translation>
    </message>
</context>
  <context>
    <name>MainWindow</name>
    <message>
      <source>&amp;Report</source>
      <translation>&amp;Report</translation>
    </message>
    <message>
      <source>&amp;Tools</source>
      <translation>&amp;Tools</translation>
    </message>
    <message>
      <source>&amp;Help</source>
      <translation>&amp;Help</translation>
    </message>
    <message>
      <source>&amp;New report</source>
      <translation>&amp;New report</translation>
    </message>
    <message>
      <source>&amp;Hide now (lock)</source>
      <translation>&amp;Hide now (lock)</translation>
    </message>
    <message>
      <source>&amp;Quit</source>
      <translation>&amp;Quit</translation>
    </message>
    <message>
      <source>&amp;Search reports</source>
      <translation>&amp;Search reports</translation>
    </message>
    <message>
      <source>S&amp;ettings…</source>
      <translation>S&amp;ettings…</translation>
    </message>
    <message>
      <source>&amp;Audit log…</source>
      <translation>&amp;Audit log…</translation>
    </message>
    <message>
      <source>&amp;Help for this field</source>
      <translation>&amp;Help for this field</translation>
    </message>
    <message>
      <source>&amp;About Signaal</source>
      <translation>&amp;About Signaal</translation>
    </message>
    <message>
      <source>Hide now</source>
      <translation>Hide now</translation>
    </message>
    <message>
      <source>Hide everything and lock Signaal (Ctrl+L)</source>
      <translation>Hide everything and lock Signaal (Ctrl+L)</translation>
    </message>
    <message>
      <source>Hide now and lock</source>
      <translation>Hide now and lock</translation>
    </message>
    <message>
      <source>Not connected to CoMensha</source>
      <translation>Not connected to CoMensha</translation>
    </message>
    <message>
      <source>This computer has no secure keyring, so your reports are protected by your passphrase alone. Keep it long and do not write it on the laptop.</source>
      <translation>This computer has no secure storage for keys, so your reports are protected by your passphrase alone. Keep it long and do not write it on the laptop.</translation>
    </message>
    <message>
      <source>This report uses a form that this version of Signaal does not know. Install the latest version of Signaal.</source>
      <translation>This report uses a form that this version of Signaal does not know. Install the latest version of Signaal.</translation>
    </message>
    <message>
      <source>The report is finalised and waits to be sent.</source>
      <translation>The report is finalised and waits to be sent.</translation>
    </message>
    <message>
      <source>The draft was deleted.</source>
      <translation>The draft was deleted.</translation>
    </message>
    <message>
      <source>Settings saved.</source>
      <translation>Settings saved.</translation>
    </message>
    <message>
      <source>Your passphrase has been changed. Use the new one from now on.</source>
      <translation>Your passphrase has been changed. Use the new one from now on.</translation>
    </message>
    <message>
      <source>Press F1 in a form to show the help for the field you are in.</source>
      <translation>Press F1 in a form to show the help for the field you are in.</translation>
    </message>
    <message>
      <source>Sending is not available: reports wait on this computer</source>
      <translation>Sending is not available: reports wait on this computer</translation>
    </message>
    <message>
      <source>Signaal could not start sending to CoMensha. Your reports are kept safely on this computer. Restart Signaal; if this keeps happening, contact your administrator.</source>
      <translation>Signaal could not start sending to CoMensha. Your reports are kept safely on this computer. Restart Signaal; if this keeps happening, contact your administrator.</translation>
    </message>
    <message>
      <source>This version of Signaal cannot withdraw consent.</source>
      <translation>This version of Signaal cannot withdraw consent.</translation>
    </message>
    <message>
      <source>Erase everything</source>
      <translation>Erase everything</translation>
    </message>
    <message>
      <source>Use this computer's keyring</source>
      <translation>Use this computer's secure storage</translation>
    </message>
    <message>
      <source>This computer now has a secure keyring. Use it from now on? Your reports are then protected by your passphrase and by this user account: a copy of the folder on another computer or account no longer opens with the passphrase alone.</source>
      <translation>This computer now has secure storage for keys. Use it from now on? Your reports are then protected by your passphrase and by this user account: a copy of the folder on another computer or account no longer opens with the passphrase alone.</translation>
    </message>
    <message>
      <source>&amp;Use the keyring</source>
      <translation>&amp;Use the secure storage</translation>
    </message>
    <message>
      <source>&amp;Not now</source>
      <translation>&amp;Not now</translation>
    </message>
    <message>
      <source>Your reports are now protected by your passphrase and by this computer's keyring.</source>
      <translation>Your reports are now protected by your passphrase and by this computer's secure storage.</translation>
    </message>
    <message>
      <source>Hand-off file</source>
      <translation>Hand-off file</translation>
    </message>
    <message>
      <source>Receipts</source>
      <translation>Receipts</translation>
    </message>
    <message>
      <source>The receipts file could not be read. Is the USB disk still in?</source>
      <translation>The receipts file could not be read. Is the USB disk still in?</translation>
    </message>
    <message>
      <source>&amp;Hand-off file for CoMensha…</source>
      <translation>&amp;Hand-off file for CoMensha…</translation>
    </message>
    <message>
      <source>Read &amp;receipts from CoMensha…</source>
      <translation>Read &amp;receipts from CoMensha…</translation>
    </message>
    <message>
      <source>Make a &amp;backup…</source>
      <translation>Make a &amp;backup…</translation>
    </message>
    <message>
      <source>Hand-off file for CoMensha</source>
      <translation>Hand-off file for CoMensha</translation>
    </message>
    <message>
      <source>Read receipts from CoMensha</source>
      <translation>Read receipts from CoMensha</translation>
    </message>
    <message numerus="yes">
      <source>%n report(s) written to the hand-off file. Give it to CoMensha; the reports stay waiting here until their receipts come back.</source>
      <translation>
        <numerusform>%n report written to the hand-off file. Give it to CoMensha; the report stays waiting here until its receipt comes back.</numerusform>
        <numerusform>%n reports written to the hand-off file. Give it to CoMensha; the reports stay waiting here until their receipts come back.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n report(s) now sent, with a receipt that checks out.</source>
      <translation>
        <numerusform>%n report now sent, with a receipt that checks out.</numerusform>
        <numerusform>%n reports now sent, with a receipt that checks out.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n receipt(s) did not check out and were not used.</source>
      <translation>
        <numerusform>%n receipt did not check out and was not used.</numerusform>
        <numerusform>%n receipts did not check out and were not used.</numerusform>
      </translation>
    </message>
      <message>
      <source>This version of Signaal cannot add to this report.</source>
      <translation>This version of Signaal cannot add to this report.</translation>
    </message>
</context>
  <context>
    <name>Inbox</name>
    <message>
      <source>Reference</source>
      <translation>Reference</translation>
    </message>
    <message>
      <source>Form</source>
      <translation>Form</translation>
    </message>
    <message>
      <source>Received</source>
      <translation>Received</translation>
    </message>
    <message>
      <source>Organisation</source>
      <translation>Organisation</translation>
    </message>
    <message>
      <source>Region</source>
      <translation>Region</translation>
    </message>
    <message>
      <source>State</source>
      <translation>State</translation>
    </message>
    <message>
      <source>Assignee</source>
      <translation>Assignee</translation>
    </message>
    <message>
      <source>Linked</source>
      <translation>Linked</translation>
    </message>
    <message>
      <source>yes</source>
      <translation>yes</translation>
    </message>
  </context>
  <context>
    <name>InboxView</name>
    <message>
      <source>&amp;State</source>
      <translation>&amp;State</translation>
    </message>
    <message>
      <source>&amp;Form</source>
      <translation>&amp;Form</translation>
    </message>
    <message>
      <source>Re&amp;gion</source>
      <translation>Re&amp;gion</translation>
    </message>
    <message>
      <source>&amp;Period</source>
      <translation>&amp;Period</translation>
    </message>
    <message>
      <source>&amp;Assignee</source>
      <translation>&amp;Assignee</translation>
    </message>
    <message>
      <source>All</source>
      <translation>All</translation>
    </message>
    <message>
      <source>Today</source>
      <translation>Today</translation>
    </message>
    <message>
      <source>Last 7 days</source>
      <translation>Last 7 days</translation>
    </message>
    <message>
      <source>Last 30 days</source>
      <translation>Last 30 days</translation>
    </message>
    <message>
      <source>This year</source>
      <translation>This year</translation>
    </message>
    <message>
      <source>Last year</source>
      <translation>Last year</translation>
    </message>
    <message>
      <source>Nobody</source>
      <translation>Nobody</translation>
    </message>
    <message numerus="yes">
      <source>%n report(s)</source>
      <translation>
        <numerusform>%n report</numerusform>
        <numerusform>%n reports</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>Passphrase</name>
    <message>
      <source>Too short: use at least 10 characters, for example three or four words.</source>
      <translation>Too short: use at least 10 characters, for example three or four words.</translation>
    </message>
    <message>
      <source>Weak: add a word or mix in digits and capitals.</source>
      <translation>Weak: add a word or mix in digits and capitals.</translation>
    </message>
    <message>
      <source>Reasonable. Longer is stronger.</source>
      <translation>Reasonable. Longer is stronger.</translation>
    </message>
    <message>
      <source>Strong.</source>
      <translation>Strong.</translation>
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
      <translation>Check code (fingerprint of the report)</translation>
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
    <name>QuarantineView</name>
    <message>
      <source>These envelopes arrived but were not opened. They are kept as they arrived; the reason says why. The inbox goes on without them.</source>
      <translation>These envelopes arrived but were not opened. They are kept as they arrived; the reason says why. The inbox goes on without them.</translation>
    </message>
    <message>
      <source>Received</source>
      <translation>Received</translation>
    </message>
    <message>
      <source>Sent by</source>
      <translation>Sent by</translation>
    </message>
    <message>
      <source>Reason</source>
      <translation>Reason</translation>
    </message>
    <message>
      <source>Envelope id</source>
      <translation>Envelope id</translation>
    </message>
    <message>
      <source>&amp;Try again</source>
      <translation>&amp;Try again</translation>
    </message>
  </context>
  <context>
    <name>ReportList</name>
    <message>
      <source>CoMensha&apos;s reference, on the receipt of a sent report</source>
      <translation>CoMensha&apos;s reference, on the receipt of a sent report</translation>
    </message>
    <message>
      <source>Reference</source>
      <translation>Reference</translation>
    </message>
    <message>
      <source>Summary</source>
      <translation>Summary</translation>
    </message>
    <message>
      <source>Form</source>
      <translation>Form</translation>
    </message>
    <message>
      <source>State</source>
      <translation>State</translation>
    </message>
    <message>
      <source>Created</source>
      <translation>Created</translation>
    </message>
    <message>
      <source>Last change</source>
      <translation>Last change</translation>
    </message>
    <message>
      <source>(no summary yet)</source>
      <translation>(no summary yet)</translation>
    </message>
    <message>
      <source>%1, with receipt</source>
      <translation>%1, with receipt</translation>
    </message>
    <message>
      <source>%1 — needs attention</source>
      <translation>%1 — needs attention</translation>
    </message>
  </context>
  <context>
    <name>ReportListPage</name>
    <message>
      <source>My reports</source>
      <translation>My reports</translation>
    </message>
    <message>
      <source>&amp;New report</source>
      <translation>&amp;New report</translation>
    </message>
    <message>
      <source>Start a new report (Ctrl+N)</source>
      <translation>Start a new report (Ctrl+N)</translation>
    </message>
    <message>
      <source>S&amp;how</source>
      <translation>S&amp;how</translation>
    </message>
    <message>
      <source>Show reports in state</source>
      <translation>Show reports in state</translation>
    </message>
    <message>
      <source>All reports</source>
      <translation>All reports</translation>
    </message>
    <message>
      <source>&amp;Search</source>
      <translation>&amp;Search</translation>
    </message>
    <message>
      <source>Search in summaries and CoMensha&apos;s references</source>
      <translation>Search in summaries and CoMensha&apos;s references</translation>
    </message>
    <message>
      <source>Search in summaries or a reference such as CM-2026-000002 (Ctrl+F)</source>
      <translation>Search in summaries or a reference such as CM-2026-000002 (Ctrl+F)</translation>
    </message>
    <message numerus="yes">
      <source>%n report(s)</source>
      <translation>
        <numerusform>%n report</numerusform>
        <numerusform>%n reports</numerusform>
      </translation>
    </message>
    <message>
      <source>No reports match this filter or search. Choose “All reports” or clear the search field.</source>
      <translation>No reports match this filter or search. Choose “All reports” or clear the search field.</translation>
    </message>
    <message>
      <source>You have no reports yet.
Choose “New report” (Ctrl+N) to record a signal. It is saved while you type.</source>
      <translation>You have no reports yet.
Choose “New report” (Ctrl+N) to record a signal. It is saved while you type.</translation>
    </message>
  </context>
  <context>
    <name>Roles</name>
    <message>
      <source>COA (asylum reception)</source>
      <translation>COA (asylum reception)</translation>
    </message>
    <message>
      <source>NLA (Labour Inspectorate)</source>
      <translation>NLA (Labour Inspectorate)</translation>
    </message>
    <message>
      <source>Care (clinicians)</source>
      <translation>Care (clinicians)</translation>
    </message>
  </context>
  <context>
    <name>ReportView</name>
    <message>
      <source>Reference</source>
      <translation>Reference</translation>
    </message>
    <message>
      <source>Sent by</source>
      <translation>Sent by</translation>
    </message>
    <message>
      <source>Received</source>
      <translation>Received</translation>
    </message>
    <message>
      <source>Receipt</source>
      <translation>Receipt</translation>
    </message>
    <message>
      <source>signed by the receiver, checked</source>
      <translation>signed by the receiver, checked</translation>
    </message>
    <message>
      <source>the receipt's signature does not verify</source>
      <translation>the receipt's signature does not verify</translation>
    </message>
    <message>
      <source>Report id</source>
      <translation>Report id</translation>
    </message>
    <message>
      <source>Linked reports</source>
      <translation>Linked reports</translation>
    </message>
    <message>
      <source>Possibly the same person</source>
      <translation>Possibly the same person</translation>
    </message>
    <message>
      <source>&amp;Same person</source>
      <translation>&amp;Same person</translation>
    </message>
    <message>
      <source>&amp;Not the same person</source>
      <translation>&amp;Not the same person</translation>
    </message>
    <message>
      <source>Choose a report in the inbox.</source>
      <translation>Choose a report in the inbox.</translation>
    </message>
    <message>
      <source>not in this desk yet</source>
      <translation>not in this desk yet</translation>
    </message>
    <message>
      <source>No linked reports.</source>
      <translation>No linked reports.</translation>
    </message>
    <message>
      <source>same %1</source>
      <translation>same %1</translation>
    </message>
  </context>
  <context>
    <name>SettingsDialog</name>
    <message>
      <source>Settings</source>
      <extracomment>Called with the dialog when it is built; the sync work registers its panel here.</extracomment>
      <translation>Settings</translation>
    </message>
    <message>
      <source>General</source>
      <translation>General</translation>
    </message>
    <message>
      <source>&amp;Language</source>
      <translation>&amp;Language</translation>
    </message>
    <message>
      <source>Language</source>
      <translation>Language</translation>
    </message>
    <message>
      <source>&amp;Your work</source>
      <translation>&amp;Your work</translation>
    </message>
    <message>
      <source>Your work</source>
      <translation>Your work</translation>
    </message>
    <message>
      <source>&amp;Lock after</source>
      <translation>&amp;Lock after</translation>
    </message>
    <message>
      <source> minutes without use</source>
      <translation> minutes without use</translation>
    </message>
    <message>
      <source>Lock after minutes without use</source>
      <translation>Lock after minutes without use</translation>
    </message>
    <message>
      <source>&amp;Keep sent reports</source>
      <translation>&amp;Keep sent reports</translation>
    </message>
    <message>
      <source> days after the receipt</source>
      <translation> days after the receipt</translation>
    </message>
    <message>
      <source>Keep sent reports for days after the receipt</source>
      <translation>Keep sent reports for days after the receipt</translation>
    </message>
    <message>
      <source>Change passphrase</source>
      <translation>Change passphrase</translation>
    </message>
    <message>
      <source>C&amp;urrent passphrase</source>
      <translation>C&amp;urrent passphrase</translation>
    </message>
    <message>
      <source>Current passphrase</source>
      <translation>Current passphrase</translation>
    </message>
    <message>
      <source>&amp;New passphrase</source>
      <translation>&amp;New passphrase</translation>
    </message>
    <message>
      <source>New passphrase</source>
      <translation>New passphrase</translation>
    </message>
    <message>
      <source>&amp;Repeat new passphrase</source>
      <translation>&amp;Repeat new passphrase</translation>
    </message>
    <message>
      <source>Repeat new passphrase</source>
      <translation>Repeat new passphrase</translation>
    </message>
    <message>
      <source>C&amp;hange passphrase</source>
      <translation>C&amp;hange passphrase</translation>
    </message>
    <message>
      <source>Connection with CoMensha</source>
      <translation>Connection with CoMensha</translation>
    </message>
    <message>
      <source>Not connected yet. Once your organisation has given you a connection code, you can connect here. Until then your finalised reports wait safely on this computer.</source>
      <translation>Not connected yet. Once your organisation has given you a connection code, you can connect here. Until then your finalised reports wait safely on this computer.</translation>
    </message>
    <message>
      <source>Type your current passphrase first.</source>
      <translation>Type your current passphrase first.</translation>
    </message>
    <message numerus="yes">
      <source>The new passphrase is too short. Use at least %n characters.</source>
      <translation>
        <numerusform>The new passphrase is too short. Use at least %n character.</numerusform>
        <numerusform>The new passphrase is too short. Use at least %n characters.</numerusform>
      </translation>
    </message>
    <message>
      <source>The two new passphrases are not the same. Type them again.</source>
      <translation>The two new passphrases are not the same. Type them again.</translation>
    </message>
    <message>
      <source>Erase everything</source>
      <translation>Erase everything</translation>
    </message>
    <message>
      <source>In an emergency: make everything of Signaal on this computer unreadable at once and remove it. Reports that have not been sent are lost.</source>
      <translation>In an emergency: make everything of Signaal on this computer unreadable at once and remove it. Reports that have not been sent are lost.</translation>
    </message>
    <message>
      <source>Erase everything…</source>
      <translation>Erase everything…</translation>
    </message>
  </context>
  <context>
    <name>SetupPage</name>
    <message>
      <source>Welcome to Signaal</source>
      <translation>Welcome to Signaal</translation>
    </message>
    <message>
      <source>Signaal helps you record signals of possible human trafficking for CoMensha, also without an internet connection. What you enter stays encrypted on this computer, protected by your passphrase. When you finalise a report it is sealed so that only CoMensha can read it, and it is sent as soon as there is a connection.</source>
      <translation>Signaal helps you record signals of possible human trafficking for CoMensha, also without an internet connection. What you enter stays encrypted on this computer, protected by your passphrase. When you finalise a report it is sealed so that only CoMensha can read it, and it is sent as soon as there is a connection.</translation>
    </message>
    <message>
      <source>&amp;Language</source>
      <translation>&amp;Language</translation>
    </message>
    <message>
      <source>&amp;Passphrase</source>
      <translation>&amp;Passphrase</translation>
    </message>
    <message>
      <source>&amp;Repeat passphrase</source>
      <translation>&amp;Repeat passphrase</translation>
    </message>
    <message>
      <source>&amp;Your work</source>
      <translation>&amp;Your work</translation>
    </message>
    <message>
      <source>Language</source>
      <translation>Language</translation>
    </message>
    <message>
      <source>Passphrase</source>
      <translation>Passphrase</translation>
    </message>
    <message>
      <source>For example: three or four words you will remember</source>
      <translation>For example: three or four words you will remember</translation>
    </message>
    <message>
      <source>Repeat passphrase</source>
      <translation>Repeat passphrase</translation>
    </message>
    <message>
      <source>Your work</source>
      <translation>Your work</translation>
    </message>
    <message>
      <source>Write your passphrase down somewhere safe. If you forget it, nobody can open your drafts on this computer again: they are lost. Reports you have already finalised are sealed for CoMensha and are not lost. You can change your work later in the settings.</source>
      <translation>Write your passphrase down somewhere safe. If you forget it, nobody can open your drafts on this computer again: they are lost. Reports you have already finalised are sealed for CoMensha and are not lost. You can change your work later in the settings.</translation>
    </message>
    <message>
      <source>&amp;Start using Signaal</source>
      <translation>&amp;Start using Signaal</translation>
    </message>
    <message numerus="yes">
      <source>Use at least %n characters.</source>
      <translation>
        <numerusform>Use at least %n character.</numerusform>
        <numerusform>Use at least %n characters.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>The passphrase is too short. Use at least %n characters.</source>
      <translation>
        <numerusform>The passphrase is too short. Use at least %n character.</numerusform>
        <numerusform>The passphrase is too short. Use at least %n characters.</numerusform>
      </translation>
    </message>
    <message>
      <source>The two passphrases are not the same. Type the passphrase again in both fields.</source>
      <translation>The two passphrases are not the same. Type the passphrase again in both fields.</translation>
    </message>
    <message>
      <source>&amp;Restore a backup…</source>
      <translation>&amp;Restore a backup…</translation>
    </message>
  </context>
  <context>
    <name>States</name>
    <message>
      <source>Draft</source>
      <translation>Draft</translation>
    </message>
    <message>
      <source>Ready to send</source>
      <translation>Ready to send</translation>
    </message>
    <message>
      <source>Sent</source>
      <translation>Sent</translation>
    </message>
    <message>
      <source>Cleaned up</source>
      <translation>Cleaned up</translation>
    </message>
  </context>
  <context>
    <name>StatisticsView</name>
    <message>
      <source>Counting…</source>
      <translation>Counting…</translation>
    </message>
    <message>
      <source>The statistics could not be counted. Please try again, or restart the desk.</source>
      <translation>The statistics could not be counted. Please try again, or restart the desk.</translation>
    </message>
    <message>
      <source>%1 = not published: fewer than %2, or a number that would reveal one</source>
      <translation>%1 = not published: fewer than %2, or a number that would reveal one</translation>
    </message>
    <message>
      <source>persons</source>
      <translation>persons</translation>
    </message>
    <message>
      <source>reports</source>
      <translation>reports</translation>
    </message>
    <message>
      <source>Signaal Desk · %1 · %2: %3</source>
      <translation>Signaal Desk · %1 · %2: %3</translation>
    </message>
    <message>
      <source>Q%1 %2</source>
      <translation>Q%1 %2</translation>
    </message>
    <message>
      <source>No reports to count yet.</source>
      <translation>No reports to count yet.</translation>
    </message>
    <message>
      <source>No reports in this period.</source>
      <translation>No reports in this period.</translation>
    </message>
    <message>
      <source>Not published: saved as %1</source>
      <translation>Not published: saved as %1</translation>
    </message>
    <message>
      <source>CSV, this table (*.csv)</source>
      <translation>CSV, this table (*.csv)</translation>
    </message>
    <message>
      <source>CSV, all tables (*.csv)</source>
      <translation>CSV, all tables (*.csv)</translation>
    </message>
    <message>
      <source>PNG, this chart (*.png)</source>
      <translation>PNG, this chart (*.png)</translation>
    </message>
    <message>
      <source>PDF, all tables and charts (*.pdf)</source>
      <translation>PDF, all tables and charts (*.pdf)</translation>
    </message>
    <message>
      <source>Save statistics</source>
      <translation>Save statistics</translation>
    </message>
    <message>
      <source>Could not save %1: %2</source>
      <translation>Could not save %1: %2</translation>
    </message>
    <message>
      <source>the file could not be written</source>
      <translation>the file could not be written</translation>
    </message>
    <message>
      <source>Saved: %1</source>
      <translation>Saved: %1</translation>
    </message>
    <message>
      <source>&amp;Year</source>
      <translation>&amp;Year</translation>
    </message>
    <message>
      <source>&amp;Period</source>
      <translation>&amp;Period</translation>
    </message>
    <message>
      <source>By &amp;report</source>
      <translation>By &amp;report</translation>
    </message>
    <message>
      <source>By p&amp;erson</source>
      <translation>By p&amp;erson</translation>
    </message>
    <message>
      <source>As p&amp;ublished</source>
      <translation>As p&amp;ublished</translation>
    </message>
    <message>
      <source>Show the numbers as they are saved: small numbers as %1</source>
      <translation>Show the numbers as they are saved: small numbers as %1</translation>
    </message>
    <message>
      <source>&amp;Save…</source>
      <translation>&amp;Save…</translation>
    </message>
    <message>
      <source>Whole year</source>
      <translation>Whole year</translation>
    </message>
    <message>
      <source>Quarter %1</source>
      <translation>Quarter %1</translation>
    </message>
  </context>
  <context>
    <name>SyncStatusWidget</name>
    <message numerus="yes">
      <source>CoMensha not reachable — %n report(s) waiting</source>
      <translation>
        <numerusform>CoMensha not reachable — %n report waiting</numerusform>
        <numerusform>CoMensha not reachable — %n reports waiting</numerusform>
      </translation>
    </message>
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
      <translation>The connection key cannot be read from the secure storage — connect again via Settings</translation>
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
  <context>
    <name>StatisticsTab</name>
    <message>
      <source>&amp;Publish counts from</source>
      <translation>&amp;Publish counts from</translation>
    </message>
    <message>
      <source>reports or persons</source>
      <translation>reports or persons</translation>
    </message>
  </context>
  <context>
    <name>UnlockPage</name>
    <message>
      <source>Signaal is locked</source>
      <translation>Signaal is locked</translation>
    </message>
    <message>
      <source>Everything is hidden. Type your passphrase to continue.</source>
      <translation>Everything is hidden. Type your passphrase to continue.</translation>
    </message>
    <message>
      <source>Unlock Signaal</source>
      <translation>Unlock Signaal</translation>
    </message>
    <message>
      <source>Type your passphrase to open your reports.</source>
      <translation>Type your passphrase to open your reports.</translation>
    </message>
    <message>
      <source>&amp;Passphrase</source>
      <translation>&amp;Passphrase</translation>
    </message>
    <message>
      <source>Passphrase</source>
      <translation>Passphrase</translation>
    </message>
    <message>
      <source>&amp;Language</source>
      <translation>&amp;Language</translation>
    </message>
    <message>
      <source>Language</source>
      <translation>Language</translation>
    </message>
    <message>
      <source>&amp;Unlock</source>
      <translation>&amp;Unlock</translation>
    </message>
    <message numerus="yes">
      <source>You can try again in %n second(s).</source>
      <translation>
        <numerusform>You can try again in %n second.</numerusform>
        <numerusform>You can try again in %n seconds.</numerusform>
      </translation>
    </message>
    <message>
      <source>Type your passphrase first.</source>
      <translation>Type your passphrase first.</translation>
    </message>
    <message numerus="yes">
      <source>Wait %n more second(s), then press Enter again.</source>
      <translation>
        <numerusform>Wait %n more second, then press Enter again.</numerusform>
        <numerusform>Wait %n more seconds, then press Enter again.</numerusform>
      </translation>
    </message>
    <message>
      <source>&amp;Go on with what is there</source>
      <translation>&amp;Go on with what is there</translation>
    </message>
  </context>
  <context>
    <name>WipeDialog</name>
    <message>
      <source>Erase everything</source>
      <translation>Erase everything</translation>
    </message>
    <message>
      <source>Type the words to confirm</source>
      <translation>Type the words to confirm</translation>
    </message>
    <message>
      <source>This makes everything of Signaal on this computer unreadable at once and removes it: drafts, reports that have not been sent, receipts, the audit log, settings and the connection to CoMensha. It cannot be undone, and nothing of it can be kept, not even a note that it happened. Backups and hand-off files on USB disks are not touched.

Type %1 to confirm.</source>
      <translation>This makes everything of Signaal on this computer unreadable at once and removes it: drafts, reports that have not been sent, receipts, the audit log, settings and the connection to CoMensha. It cannot be undone, and nothing of it can be kept, not even a note that it happened. Backups and hand-off files on USB disks are not touched.

Type %1 to confirm.</translation>
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
      <translation>State</translation>
    </message>
    <message>
      <source>&amp;Referred to</source>
      <translation>&amp;Referred to</translation>
    </message>
    <message>
      <source>Organisation (no names of people)</source>
      <translation>Organisation (no names of people)</translation>
    </message>
    <message>
      <source>&amp;Assignee</source>
      <translation>&amp;Assignee</translation>
    </message>
    <message>
      <source>Assi&amp;gn</source>
      <translation>Assi&amp;gn</translation>
    </message>
    <message>
      <source>Assign to &amp;me</source>
      <translation>Assign to &amp;me</translation>
    </message>
    <message>
      <source>Internal notes</source>
      <translation>Internal notes</translation>
    </message>
    <message>
      <source>A note for the team (stays within CoMensha)</source>
      <translation>A note for the team (stays within CoMensha)</translation>
    </message>
    <message>
      <source>Add &amp;note</source>
      <translation>Add &amp;note</translation>
    </message>
    <message>
      <source>(not yet shared with the team)</source>
      <translation>(not yet shared with the team)</translation>
    </message>
    <message>
      <source>(not yet shared)</source>
      <translation>(not yet shared)</translation>
    </message>
    <message>
      <source>Your change of the %1 (%2) was overtaken by %3, who set %4 at the same time.</source>
      <translation>Your change of the %1 (%2) was overtaken by %3, who set %4 at the same time.</translation>
    </message>
    <message>
      <source>Fill in to whom the report is referred first.</source>
      <translation>Fill in to whom the report is referred first.</translation>
    </message>
    <message>
      <source>Type a note first.</source>
      <translation>Type a note first.</translation>
    </message>
    <message>
      <source>A note can be at most %1 characters.</source>
      <translation>A note can be at most %1 characters.</translation>
    </message>
    <message>
      <source>I have seen this</source>
      <translation>I have seen this</translation>
    </message>
  </context>
  <context>
    <name>BackupDialog</name>
    <message>
      <source>Make a backup</source>
      <translation>Make a backup</translation>
    </message>
    <message>
      <source>A backup holds everything in Signaal on this computer, encrypted with a passphrase of its own. Keep that passphrase apart from the backup: without it the backup cannot be opened, also not by you.</source>
      <translation>A backup holds everything in Signaal on this computer, encrypted with a passphrase of its own. Keep that passphrase apart from the backup: without it the backup cannot be opened, also not by you.</translation>
    </message>
    <message>
      <source>Choose…</source>
      <translation>Choose…</translation>
    </message>
    <message>
      <source>File</source>
      <translation>File</translation>
    </message>
    <message>
      <source>Backup passphrase</source>
      <translation>Backup passphrase</translation>
    </message>
    <message>
      <source>Repeat it</source>
      <translation>Repeat it</translation>
    </message>
    <message>
      <source>Make backup</source>
      <translation>Make backup</translation>
    </message>
    <message>
      <source>Choose where the backup goes, for example a USB disk.</source>
      <translation>Choose where the backup goes, for example a USB disk.</translation>
    </message>
    <message>
      <source>The two passphrases are not the same.</source>
      <translation>The two passphrases are not the same.</translation>
    </message>
    <message>
      <source>Backup made</source>
      <translation>Backup made</translation>
    </message>
    <message>
      <source>The backup could not be written there. Is the USB disk still in, and is there room on it?</source>
      <translation>The backup could not be written there. Is the USB disk still in, and is there room on it?</translation>
    </message>
  </context>
  <context>
    <name>RestoreDialog</name>
    <message>
      <source>Restore a backup</source>
      <translation>Restore a backup</translation>
    </message>
    <message>
      <source>Puts everything from a backup on this computer, for example after a new laptop. You choose the passphrase you will unlock Signaal with here.</source>
      <translation>Puts everything from a backup on this computer, for example after a new laptop. You choose the passphrase you will unlock Signaal with here.</translation>
    </message>
    <message>
      <source>Choose…</source>
      <translation>Choose…</translation>
    </message>
    <message>
      <source>Backup file</source>
      <translation>Backup file</translation>
    </message>
    <message>
      <source>Backup passphrase</source>
      <translation>Backup passphrase</translation>
    </message>
    <message>
      <source>New passphrase for Signaal</source>
      <translation>New passphrase for Signaal</translation>
    </message>
    <message>
      <source>Repeat it</source>
      <translation>Repeat it</translation>
    </message>
    <message>
      <source>Restore</source>
      <translation>Restore</translation>
    </message>
    <message>
      <source>Choose the backup file.</source>
      <translation>Choose the backup file.</translation>
    </message>
    <message>
      <source>The two new passphrases are not the same.</source>
      <translation>The two new passphrases are not the same.</translation>
    </message>
    <message>
      <source>The backup file could not be read. Is the USB disk still in?</source>
      <translation>The backup file could not be read. Is the USB disk still in?</translation>
    </message>
  </context>
</TS>
