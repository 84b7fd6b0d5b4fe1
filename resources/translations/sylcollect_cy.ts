<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="cy_GB" sourcelanguage="en_GB">
<context>
    <name>AcknowledgeInput</name>
    <message>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AddUserDialog</name>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As they will choose it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fieldworker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Their password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type their name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adding… this takes a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is already a user with that name.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AlertCard</name>
    <message>
        <source>Safeguarding: follow up today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No longer applies after the answers changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answers changed after this alert was raised, so it no longer applies (since {when}). What was said before still needs to be seen: acknowledge it with what you did.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledged earlier by {by}, {at} ({action_taken}), before the answers changed. It needs acknowledging again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledged earlier by {by}, {at} ({action_taken}), before the answers changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledged by {who}, {when}. Action taken: {action}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What did you do, or what will you do now?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action taken for this alert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledge alert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write what was done, then acknowledge.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AppController</name>
    <message>
        <source>SYL Collect</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>Current password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New password again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type your current password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two new passwords are different. Type it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changing your password… this takes a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That isn&apos;t your current password. Try again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChoosePage</name>
    <message>
        <source>SYL Collect · first run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set up this laptop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SYL Collect keeps its data encrypted in a workspace on this laptop.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set up from a study package file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your supervisor gives you the study package, a file ending in .sylpkg.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try the built-in demo study</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A made-up study to practise with, kept apart from real data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Example sites, waves and questionnaires, with its own study home and export folder so you can try syncing too. It is encrypted just like a real study.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CollectPage</name>
    <message>
        <source>Collect</source>
        <extracomment>True while a self-complete session has the screen (the nav owner may pause idle lock).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill in a questionnaire with someone, hand the laptop over, or type in a paper form.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a questionnaire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start ({key})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check these before starting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Questionnaire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Participant code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type or pick a code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Site</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wave</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How is it filled in?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I ask the questions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>They fill it in themselves on this laptop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I am typing in a paper form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date on the paper form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional. The date written on the form: year-month-day, like 2026-01-12.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open drafts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No open drafts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A questionnaire you start is saved as you go, and waits here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading forms and drafts…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No wave</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the date on the paper form as year-month-day, like 2026-01-12.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The date on the paper form can&apos;t be in the future.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a questionnaire.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the code of a participant on this laptop.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a site.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening the questionnaire…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening the draft…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft saved. Resume it from Open drafts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved as a final record.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved as a draft.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The self-complete session ended.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The staff survey is saved for the study team. Its answers are not shown here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The staff survey is saved as a draft (it could not be made final). Its answers are not shown here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening the answers…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ComboInput</name>
    <message>
        <source>Choose…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <source>Compare versions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{form} · record {r}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record {r}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>≠ marks the answers that differ between versions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The participant withdrew: every version was destroyed, so there is nothing to compare or keep.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Laptops sent different versions of this record. The record holds the newest one until you choose. Keep the right version: the others are removed from the central store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In the record now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revision {r} · changed {at}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep this version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep this version: {v}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keeping the version you chose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConflictsPanel</name>
    <message>
        <source>Records changed on two laptops. The record holds the newer version and the others are kept beside it. Compare the versions to keep the right one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare versions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No conflicts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That conflict was already resolved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record {r}: the version you chose is kept; the others were removed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message>
        <source>Choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the study home folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Study home folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder made by &apos;sylcollect study create&apos; (it holds study.sylpkg).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. postgresql+psycopg://user@host/db</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Central database (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave empty to use the one the study home was set up with.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Study home password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open study home</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the study home folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the study home password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening the study home… this takes a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That password doesn&apos;t open this study home.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConsentDialog</name>
    <message>
        <source>Who gave consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What they agreed to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tick each box they initialled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Information sheet version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printed at the foot of the information sheet, like 2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How consent was given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date consent was given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Taken by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved encrypted with the participant&apos;s data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose who gave consent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tick &apos;Taking part in the evaluation&apos;: without it nothing else can be collected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the version printed on the information sheet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose how consent was given.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConsentPanel</name>
    <message>
        <source>For example DH-001</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a participant code, or pick one from the list as you type.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Participant code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open signed consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opens the signed e-consent or the scan of the signed paper form. Opening, printing and saving are recorded in the audit log; nothing is saved unless you save a copy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a participant&apos;s code and press Open signed consent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This participant has more than one signed consent: choose which to open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed consents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>their own consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>assent, with a parent&apos;s or carer&apos;s consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>assent, with the local authority&apos;s consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Given on {date} · {whose} · {kind}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The central store is not open: press Open study home… first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a participant&apos;s code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening the signed consent of {code}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no participant with code {code} in the central store. Check the code; if they joined recently, import the laptops&apos; bundles first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{code} withdrew from the study. Their signed consent was destroyed with the rest of their data, so there is nothing to open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No signed document for {code}. Their consent was recorded without a signed document (no on-screen signature or scan came with it).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>scan of the signed paper form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>signed on screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent of {code}, given on {date} · {kind}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The signed document of {code} is damaged and can&apos;t be shown.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DateTimeInput</name>
    <message>
        <source>Day/month/year, like 14/03/2025</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a date, like 14/03/2025.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hours:minutes, like 09:30</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a time, like 09:30.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Like 14/03/2025 09:30</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a date and a time, like 14/03/2025 09:30.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DevicesPanel</name>
    <message>
        <source>Bundles from a laptop the study hasn&apos;t approved are held here. Check the laptop and fieldworker, then approve it to import what it sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Laptops that sent bundles. Missing bundle numbers are listed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Held bundles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Laptops</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve and import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke laptop…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing is held.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No laptop has sent a bundle yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve laptop {d} and import its held bundles</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EConsentDialog</name>
    <message>
        <source>How consent is given</source>
        <extracomment>The forms a parent or the local authority signs to consent for a young person under 16.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Statements</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tick each statement they agree with.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Initials (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printed in each ticked box; without initials the box shows a tick.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who gives consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signatures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the scanned form…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No file chosen (PDF, PNG, JPEG or TIFF).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scanned form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved encrypted with the participant&apos;s data. Sheet version {sheet}, form version {form}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save signed consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save with the scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needed before saving: “Who gives consent” records this person&apos;s consent, so they sign here. If they are not here, save later, or attach a scan of the paper form once they have signed it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving waits for a signature under “{who}”, because “Who gives consent” records that person&apos;s consent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An assent form doesn&apos;t record the young person&apos;s own consent: choose who gives consent with them. A young person able to decide for themself signs the consent form instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This form is consent for a young person, not the signer&apos;s own: choose whose consent it is. A parent or carer taking part themself signs the form for parents and carers taking part.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This form has no signature for that person, so it can&apos;t record their consent: choose who gives consent as the form says.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the scanned consent form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scans (*.pdf *.png *.jpg *.jpeg *.tif *.tiff)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Statements {numbers} are needed to take part: tick them, or stop here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the file of the scanned, signed form.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ErrorSummary</name>
    <message>
        <source>There is a problem:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There are {n} problems:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check these before saving</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>CSV (one file per form)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excel (XLSX)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SPSS (.sav)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stata (.dta)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files of an earlier export with the same names are replaced.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sites</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None ticked: all sites.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None ticked: all waves.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Observations logged on the Observations page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None ticked: all forms and the observations.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved up to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Identifiers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Include names and dates of birth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only when the analysis truly needs them. Recorded in the audit log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stops the export and removes the files it has written so far.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the export (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The files will hold names and dates of birth in plain text. Keep them on encrypted storage, share them with nobody who doesn&apos;t need them, and delete them when the analysis is done. The export is recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a folder for the files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That is a file, not a folder: choose a folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This date is before &apos;Saved from&apos;: no record can match.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling… removing the files written so far.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading records… {done} of {total}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading records…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preparing the {table} table…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing the codebook ({file})…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing {file}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{percent}%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export cancelled; no files were left in {folder}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{files} files written to {folder} · {records} records in {tables} tables.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Left out: %n record(s) of participants who withdrew (counted in the central store&apos;s audit log).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Left out: %n record(s) of participants who withdrew.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Note: {w}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export finished.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportTargetCard</name>
    <message>
        <source>Export target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export folder or https:// address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. E:\SYL or https://files.example.org/syl</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where Sync sends the sealed bundles: a USB stick, network share or cloud folder, or the address the study gave you. An address with a password in it is used until you lock, never saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use this target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No export target yet: Sync sends nothing until you choose one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bundles go to {t}, with a password that is forgotten when you lock.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bundles go to {t}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a folder or an https:// address, or choose a folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved. Bundles will go to {t}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This address holds a password: it is used until you lock, not saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the export folder</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FileInput</name>
    <message>
        <source>Photos, recordings and files can&apos;t be added here. Leave this question empty, or note on paper where the file is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clears this answer. The encrypted copy of the file stays in the workspace with this record.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} removed from this answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adding {name}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No file added yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose another file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove {name} from: {question}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is {size}. A file can be at most {limit}: choose a smaller one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is {found}, not {wanted}. Choose {wanted}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} isn&apos;t there any more: it may have been moved or renamed. Choose it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is a folder. Open it and choose a file inside.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} couldn&apos;t be read. Check that you can open it, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The draft couldn&apos;t be saved, so the file wasn&apos;t added. Try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file wasn&apos;t added: {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pictures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sound recordings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Videos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accepted files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a picture (like a .jpg or .png file)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a sound recording (like an .mp3, .m4a or .wav file)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a video (like an .mp4 or .mov file)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a file of the kind this question accepts</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>Search by code ({key})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search by code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Site</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All sites</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All roles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdrawn only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wave due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All waves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any wave due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{wave} due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Participants whose next wave is due today or overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by {what}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>SYL Collect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Study: the demo study (made up, for practice)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the package&apos;s signature…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} · study {id} · package version {v}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This file can&apos;t be used as a study package. {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the study package file first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare the fingerprint, then tick that it matches. If it doesn&apos;t, stop.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Study: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a stronger password: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preparing the recovery sheet…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The printer could not be started. Check it and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The recovery sheet was sent to the printer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving the recovery sheet…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved to {path}. Move it somewhere safe, away from this laptop.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tick “I have stored it safely” once the key is safe.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key is shown only once. Store it before closing.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FormFiller</name>
    <message>
        <source>Check this answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Questions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language of the questions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List of questions (Ctrl+J)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save and close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The draft is already saved; carry on later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back (Alt+Left)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next (Enter or Alt+Right)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Page {n} of {total}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check and finish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entry {n} removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entries: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft saved {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The draft could not be saved. {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alert acknowledged.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FormLanguageCard</name>
    <message>
        <source>Forms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language of forms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forms open in this language when they have it, otherwise in their own default. You can still switch while filling one in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the forms&apos; languages…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This study&apos;s forms are in one language.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The form&apos;s default</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Handover</name>
    <message>
        <source>Hand the laptop over</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The screen fills with the questions only: no menus, no other records.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>They can skip any question, take a break, hide the screen or stop.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Their answers are saved after every change.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Safeguarding alerts are not shown to them. You will see any alert when you take the laptop back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The survey is anonymous: its answers are saved for the study team and not shown to you, unless one raises a safeguarding alert.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To end the session you need your password. Stopping never needs it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For example: Sam, your key worker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who can they talk to here? (shown on the support screens)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved. Leave empty to say &apos;the adult who looks after you&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hand over</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{form} · {subject}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <source>Home</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today&apos;s work, and the study on this laptop.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today&apos;s work and study summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the study…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Study {id} · version {v}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} withdrawn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Participants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sites</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Form id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImageView</name>
    <message>
        <source>Save a copy…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scanned consent form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This scan can&apos;t be shown here. Save a copy and open it in another program.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The printer could not be started.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent the scan to the printer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save a copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved to {path}. It holds personal data: keep it safe and delete it when done.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportPanel</name>
    <message>
        <source>Choose bundles…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import a folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import new bundles from the folder as they arrive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Watches the last folder imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel the import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>View what needs attention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder: {f}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Watches {f}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asks for the folder to watch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bundles to import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bundles (*.sylb)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder of bundles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder to watch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No bundles (.sylb files) there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing {n} of {total}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping after this bundle…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped after {n} of {total}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IndicatorReturnDialog</name>
    <message>
        <source>Monthly return</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counts for the whole month at one site. Enter 0 if there were none.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Site</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I have checked the figures marked “Check this”: they are right</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save return</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save ({key})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{month}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{month}: {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no return</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{month} already has a return for this site. Saving keeps both; the newest is the one shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{label}: enter a number (0 if there were none).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some figures changed a lot since last month. Check them, then tick “I have checked the figures” to save.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>enter a number (0 if there were none).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IndicatorsModel</name>
    <message>
        <source>Check this: more than {n} staff in one month is unusual. Is it this month&apos;s figure?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check this: {v} is more than 3 times last month ({p}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check this: {v} is less than a third of last month ({p}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{v}, a big change from the month before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incidents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missing episodes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restraints</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff absence days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff leavers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff joiners</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IndicatorsPage</name>
    <message>
        <source>Monthly indicators</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each site&apos;s monthly figures: incidents, missing episodes, restraints and staffing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a monthly return</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a monthly return ({key})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Site</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A big change from the month before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Monthly returns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No returns for this site yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the first month&apos;s figures; each month is then shown beside the last.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the monthly returns…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} months, {first} to {last}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved: {month} for {site}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KeyPage</name>
    <message>
        <source>SYL Collect · first run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store your recovery key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If every password is forgotten, this key is the only way back in. It is shown only this once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print the recovery sheet, or write the key on paper, and lock it away apart from the laptop. A saved sheet is a file: put it on a USB stick you lock away, never in email or a shared folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print recovery sheet…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save recovery sheet…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I have stored it safely</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open SYL Collect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recovery key: </source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>SYL Collect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lock the workspace: the keys leave memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lock ({key})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Hide screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide screen at once ({key} or {alt})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main tools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in with the recovery key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in as {user}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Study v{v}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NumberInput</name>
    <message>
        <source>A whole number, like 14</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A number, like 2.5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a whole number, like 14.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a number, like 14 or 2.5.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ObservationDialog</name>
    <message>
        <source>Log an observation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What happened, where and when. Use participant codes, never names.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save observation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save ({key})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saves the observation. Shortcut: {key}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What, where and when</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Site</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose or type, like Group work</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Activity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set the start time to now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>15 min earlier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 hour earlier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;tart time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration in minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set the duration to {n} minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Duration (minutes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who and what happened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Like YP-001, YP-002</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Who was involved (participant codes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Codes only, separated by commas. Never names.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What happened and what you noticed. Ctrl+Enter saves.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Like Engagement, Good practice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T&amp;ags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Separated by commas.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Theory-of-change milestones</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Milestones this activity is evidence for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This site has no milestones in the study.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Milestones this activity is evidence for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Space ticks the highlighted milestone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Early</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Medium-term</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ObservationLog</name>
    <message>
        <source>Choose the site where the activity took place.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose or type the activity, like Group work.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The start time is in the future. Choose a time that has passed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the length in minutes, from 1 to 1440.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose only this site&apos;s milestones.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{code} has withdrawn from the study: leave them out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{code}” is not a participant code here. Type codes only, like YP-001, never names.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ObservationsModel</name>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Site</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Activity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Milestones</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{m} min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{h} h {m} min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{h} h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} milestones</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ObservationsPage</name>
    <message>
        <source>Observations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Project activities you observed, and the milestones they show.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log an observation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log an observation ({key})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No observations yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log what you saw: where, when, who took part and what it showed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Site</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by site</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Milestone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by milestone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading observations…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All sites</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any milestone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Early</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Medium-term</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No observations match these filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There are {n} observations in all. Clear the filters to see them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} observations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Showing {shown} of {n} observations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved: {activity} at {site}, {when}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The filters hide it: clear them to see it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PackagePage</name>
    <message>
        <source>SYL Collect · first run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the study package</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A file ending in .sylpkg, from your supervisor or the research team.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No file chosen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Study package file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing-key fingerprint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare it, group by group, with the fingerprint your supervisor gave you on paper or by phone. If any group differs, don&apos;t use this file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The fingerprint matches the one I was given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fingerprint: </source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PageView</name>
    <message>
        <source>Entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No entries yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} entries so far.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 entry so far.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entry {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open entry {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove entry {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add an entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add an entry to {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When there are no more, press Next.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ParticipantDetailPage</name>
    <message>
        <source>← All participants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to the list ({key})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdraw…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Participant {code}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading {code}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>enrolled {date}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdrawn on {date}. Everything recorded about them was destroyed; only the code and the counts remain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Identifying details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hidden. Showing them is written in the audit log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening the details…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{code} was withdrawn.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The last clean-up of the file finishes next time you unlock.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ParticipantDialog</name>
    <message>
        <source>Participant code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>2 to 32 letters, digits, - or _. Never a name or initials.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The site can&apos;t be changed after enrolment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Site</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role in the evaluation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Identifying details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional. Kept encrypted on this laptop. Each time someone shows them, it is written in the audit log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Year-month-day, like 2009-04-23.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add participant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No particular unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use 2 to 32 letters, digits, - or _, starting with a letter or digit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the code from the consent form.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a site.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This code is already used. Choose another.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the code is stored in the clear. Everything else is encrypted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit participant</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ParticipantsList</name>
    <message>
        <source>Participants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everyone taking part, known here only by their code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add participant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add participant ({key})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press Enter to open a participant.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No participants yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add the first person taking part, with the code on their consent form.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No participants match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try fewer letters of the code, or show everyone again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear search and filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} participants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Showing {shown} of {n}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ParticipantsPage</name>
    <message>
        <source>Reading participants…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PasswordField</name>
    <message>
        <source>Hide password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show password</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PdfView</name>
    <message>
        <source>Document preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a document and press Preview.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Page number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print with the system print dialog (Ctrl+P)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save a copy where you choose. A copy with personal data is recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>of {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Page {i} of {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Page {i}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is page 1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The last page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent {n} pages to the printer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved to {path}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It holds personal data: keep it safe and delete it when done.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PrivacyScreen</name>
    <message>
        <source>Paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lock, then sign in again to carry on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type your password to carry on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lock instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type your password, then press Continue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking… this takes a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You can try again now.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QuestionBlock</name>
    <message>
        <source>(required)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This question needs an answer.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RangeInput</name>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear this answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your answer: {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not answered yet. Use the arrow keys to choose.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RankInput</name>
    <message>
        <source>Move up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move up (Alt+Up)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move down (Alt+Down)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecoveryPage</name>
    <message>
        <source>SYL Collect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use your recovery key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the key written down when this laptop was set up, then choose a new password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recovery key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Six groups of six letters and digits. Spaces, dashes and small letters are fine.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whose password is changing?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the new password again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set password and unlock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} of {total} characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A recovery key has {total} letters and digits; you&apos;ve typed {n}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose whose password is changing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a stronger new password: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two passwords are different. Type the new one again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the key and setting the password…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>Young person 16 or over (consent)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Under 16 (assent)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parent or carer, for a young person (consent)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parent or carer taking part themselves (consent)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local authority (consent)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff and professionals (consent)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview, print and save summaries, consent forms, paper forms and support cards.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export for analysis…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Participant summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Site summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Information sheet and consent form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paper questionnaire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Support card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recovery sheet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print the name on the form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the name is recorded in the audit log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Include the information sheet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign on screen…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For example: Sam, your key worker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Participant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Site</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Or a blank form to fill in by hand.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chosen from role and age unless you pick.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cards never name the site or the study: safe to carry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Named adult (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printed on every card. Leave empty for a line to write a name on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recovery key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the key from the sheet kept safe. It is never stored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any site</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blank form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From role and age</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Still reading the workspace. Try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No participants yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the recovery key first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preparing the document…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent signed on screen and saved, encrypted.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>Check before finishing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before you can finish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to the questions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finish and save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answers to give or fix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>needs an answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not answered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>and {n} more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every question is answered. Press Finish and save.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You can finish now; unanswered questions stay empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to: {q}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledge the safeguarding alert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} answers to give or fix</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SelfCompleteWindow</name>
    <message>
        <source>Questions</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Standard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Large</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Larger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Largest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How the app looks and locks on this laptop, where its bundles go, and who can use it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Locking and this laptop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lock after this long without use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Locking drops the keys and clears the screen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Site this laptop is used at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shown in the status bar and chosen first for new participants.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>High contrast (light text on black)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change password…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You signed in with the recovery key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in as {user}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Users on this laptop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add user…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only a supervisor can add or remove users.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the users…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fieldworker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (you)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove {user}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{user} was added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove {user} from this laptop?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>They will no longer be able to unlock it. Their work stays.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removing {user}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{user} was removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your password was changed. Use it next time you unlock.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignInPage</name>
    <message>
        <source>SYL Collect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your work on this laptop is encrypted. Sign in to carry on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forgot your password?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You can try again now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose your name first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type your password, then press Unlock.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlocking… this takes a moment.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignatureField</name>
    <message>
        <source>Signature pad: {who}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear signature: {who}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the name as the signature instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the name as the signature instead: {who}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name typed as signature: {who}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full name, typed as the signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The form will say the name was typed as a signature on screen.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignaturePad</name>
    <message>
        <source>Sign with a mouse, a pen or a finger. Without them, tick &apos;Type the name as the signature&apos; below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign above the line</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StrengthMeter</name>
    <message>
        <source>Password strength</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use {chars} or more characters, or {words} or more words. A short sentence is easy to remember.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not yet: {n} of {chars} characters, or {w} of {words} words.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strong enough.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SupervisorPage</name>
    <message>
        <source>Supervisor tools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import the laptops&apos; bundles, approve laptops, resolve conflicts, open signed consent forms, export for analysis.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import bundles…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import bundles ({key})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export for analysis…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open study home…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Laptops</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Held bundles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent forms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Study {s} · central store {d}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the study home to import bundles, see the laptops and export for analysis.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close study home</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Analysis files of every laptop&apos;s records imported into the central store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the study home first: the export reads its central store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Held bundles ({n})</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>Sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send what you collected to the research team, sealed so only they can read it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync now ({key})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bundles written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export folder or https:// address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. E:\SYL or https://files.example.org/syl</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A USB stick, network share or cloud folder, or the address the study gave you. An address with a password in it is used until you lock, never saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use this target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Update study from a file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Install a newer study package (.sylpkg) from the research team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Study package version {v}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This laptop was not set up from a study package, so it can&apos;t sync.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading what is waiting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This laptop can&apos;t sync: it has no study package.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) waiting to sync</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source> ({p} participants, {c} consents, {r} records, {o} observations)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everything is synced.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last sync: {t}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never synced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No export target yet: choose one below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target: {t}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reachable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not reachable now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target: {t} ({state})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sealing and sending bundles…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A sync is running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose an export folder or address first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A sync is running. Yours starts as soon as it ends.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a folder or an https:// address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bundles will go to {t}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This address holds a password: it is used until you lock, not saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the export folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Study package</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Study packages (*.sylpkg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the study package…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Study package version {v} installed. New forms show after you lock and unlock.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That study package was not installed. {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to sync: everything was sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n bundle(s) delivered.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncWatch</name>
    <message>
        <source>Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n waiting to sync</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>All synced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last sync failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Synced {time}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TextInput</name>
    <message>
        <source>Type or scan the code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type latitude and longitude, like 54.62 -1.57</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type points as &apos;latitude longitude&apos;, separated by &apos;;&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type points as &apos;latitude longitude&apos; separated by &apos;;&apos;, ending at the first</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TodayView</name>
    <message>
        <source>Waves due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No waves due. Everyone is up to date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} participants have a wave due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · draft started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>… and {n} more (Participants page, filter “wave due”)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Safeguarding alerts to acknowledge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledge each one (with the action taken) in its questionnaire.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no participant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (no longer applies after the answers changed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open drafts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No open drafts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} answered · saved {when}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · {n} alert(s) waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume {title}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>… and {n} older drafts on the Collect page</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UnlockWindow</name>
    <message>
        <source>SYL Collect</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UserPage</name>
    <message>
        <source>SYL Collect · first run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create your sign-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are the first user on this laptop. You can add others later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You sign in with it, e.g. ann.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the password again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Setting up the encrypted workspace… this takes a few seconds.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WithdrawDialog</name>
    <message>
        <source>What will happen:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everything recorded about {code} becomes unreadable for everyone, forever: identifying details, consent records, answers, scores and notes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The code and the counts remain, so totals stay right. Nobody can tell what the records said.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The next sync tells the central database to destroy its copy too.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paper forms and files exported earlier are not reached. Ask your supervisor to destroy those.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To confirm, type the participant code: {code}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdraw participant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the code exactly as shown: {code}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type {code} to confirm.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdrawing… the data is being destroyed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>collect</name>
    <message>
        <source>1 answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>safeguarding alert to acknowledge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open drafts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>saved {when}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>asked by you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>self-complete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from paper</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>combo</name>
    <message>
        <source>Choose your name</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>conflict_view</name>
    <message>
        <source>This version can&apos;t be read: the participant withdrew.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a supervisor&apos;s earlier choice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep this version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scores:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>laptop {d}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{source}, revision {r}, changed {at}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status: {s}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>laptop {d} ({who})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the version from {v}?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The record will hold this version, with its answers, scores and alerts.

Removed from the central store:
{gone}

Their answers can&apos;t be brought back here afterwards: only a note that they existed (laptop, revision and time, no answers) stays in the audit log. The laptops keep their own copies.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>conflicts</name>
    <message>
        <source>laptop {d}, revision {r}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a supervisor&apos;s choice, revision {r}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{others} (participant withdrew)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other versions</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>consent</name>
    <message>
        <source>The participant, for themself (16 or over, or able to decide)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Young person&apos;s assent, with a parent or carer&apos;s consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Young person&apos;s assent, with the local authority&apos;s consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Taking part in the evaluation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answering questionnaires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Being interviewed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audio recording of the interview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Using anonymised quotes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Researchers reading case records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Being contacted about future research</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed paper form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed on screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Said out loud, written down by me</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For {code}. Copy what the signed form says.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>devices</name>
    <message>
        <source>Bundle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Laptop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fieldworker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bundles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Held</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} (up to #{last})</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>econsent</name>
    <message>
        <source>Consent on screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For {code}. Read the information sheet together, tick each statement they agree with, then each person signs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign on screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach a scan of the signed paper form instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Information sheet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{who}: needs to sign before saving, because “Who gives consent” records their consent. If they are not here, save later, or attach a scan of the paper form once they have signed it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{who}: sign in the box, or type the name as the signature.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{who}: fill in {fields}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date: {day}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>home</name>
    <message>
        <source>due today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>due yesterday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>due {date} · {n} days ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This laptop can&apos;t sync: it wasn&apos;t set up from a study package.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing waiting to sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Syncing now…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never synced yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline · no sync target chosen (see Sync)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Web target reachable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline · the web target can&apos;t be reached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export folder reachable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} changes waiting to sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last sync: {when}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Web target · checked on the Sync page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline · the export folder isn&apos;t reachable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last attempt failed: {why}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>import_connect</name>
    <message>
        <source>Open the study home</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The study&apos;s keys and its central database, to import and review bundles.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>imports</name>
    <message>
        <source>needs attention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>need attention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{new} new, {updated} updated, {conflicts} conflicts, {held} held, {refused} refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>approve the laptop under Held bundles to import it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} already imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bundles missing: {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Held: laptop not approved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Held: waits for an earlier bundle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Laptop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <source>That password didn&apos;t work. Check Caps Lock and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The workspace is locked. Unlock it again to carry on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many tries. You can try again in {time}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That recovery key doesn&apos;t open this workspace. Check each group and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something went wrong ({kind}). Nothing was changed. If it happens again, tell your supervisor.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The workspace could not be read or saved. {detail}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>nav</name>
    <message>
        <source>Home</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Participants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Collect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Observations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Indicators</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Supervisor tools</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>page</name>
    <message>
        <source>Sync didn&apos;t finish: {why} Nothing was lost; the changes still wait.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <source>Revoke laptop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke laptop {d} ({who})?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its bundles will be refused from now on, including any not imported yet, and the next study package tells the laptop. This can&apos;t be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the study package</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Study packages (*.sylpkg);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the recovery sheet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print the recovery sheet</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>participant_detail</name>
    <message>
        <source>Consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{method} · information sheet version {sheet} · taken by {by} · {state}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Records by wave</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open drafts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Safeguarding alerts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In force</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needs action: {message} ({form}, {date}) (no longer applies after the answers changed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date of birth: not recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No consent recorded yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unreadable: the participant withdrew.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No scores for this form.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No finished records yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No wave</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No drafts waiting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No alerts waiting for action.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needs action: {message} ({form}, {date})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdrawn on {date}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date of birth: {dob} (age {age})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agreed to: {scopes}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{form} · started {date}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>participants</name>
    <message>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Site</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enrolled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next wave</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{wave} · overdue since {date}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{wave} · due {date}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This participant withdrew: their consent records were destroyed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counted from the day they were enrolled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent withdrawn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No consent recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not readable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{wave} · due today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>passwords</name>
    <message>
        <source>Change your password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only your key slot changes. Nothing else is re-encrypted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>They sign in with their own password. Give it to them in person.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>selfcomplete</name>
    <message>
        <source>Hello</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These are some questions about you and how things are going for you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These are some questions about your work.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It takes about {minutes} minutes. Take your time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There are no right or wrong answers. You can skip any question, take a break or stop.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>We keep your answers private. We use a code, not your name. Only the study team can see them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your name is not kept with your answers. Only the study team can see them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If an answer makes us think you or someone else may be hurt, we have to tell someone who can help keep you safe. We will try to talk to you first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If an answer shows that someone may be at risk of harm, we have to pass it on. This keeps them safe.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make it easier to read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dark screen, bright words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the words out loud</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put on headphones first if you have them, so only you can hear.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read it again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Question {n} of {total}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to my answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skip this part</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You have added {n} so far.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This question can&apos;t be answered here. Press Skip.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take a break</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide the screen now. You can also press Esc or F12.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your answers are saved. Take as long as you like. When you want to carry on, you will go back to the same question.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Carry on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>People you can talk to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Talk to {adult}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the adult who looks after you where you live</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call Childline on 0800 1111. It is free, day and night, if you are 18 or under.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You can ask for a card with this on it to keep.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Did anything here upset you? Talk to your manager or the staff support team where you work.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check your answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You can change or clear any answer. When you are happy, press I&apos;m done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I&apos;m done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What happens next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your answers go to the study team. They will read them in the next few weeks. The adult who gave you the laptop can see if an answer shows you may not be safe, so they can check you are OK.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your answers go to the study team. They will read them in the next few weeks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send my answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thank you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thank you for your time. What you told us can help make things better.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thank you for your time. Your answers help the study team learn what works.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please give the laptop back now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop here?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That is fine. You can stop at any time. What do you want to do with your answers?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That is fine. You can stop at any time. Do you want to send the answers you gave so far, or delete them?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep my answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send my answers so far</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete my answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go back to the questions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You have stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your answers are kept safe.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your answers so far go to the study team.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your answers are deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That is OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You don&apos;t have to do this. Nothing was saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For staff</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type your password to end this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That did not work. Try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your last answer is not saved yet. Tell the adult who gave you the laptop.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your last answer is not saved yet. Tell the person who gave you the laptop.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Normal text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Big text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bigger text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Biggest text</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>setup</name>
    <message>
        <source>Type your name. You&apos;ll sign in with it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use a shorter name (64 characters at most).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two passwords are different. Type it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the study package file (it ends in .sylpkg).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That file doesn&apos;t exist any more. Choose it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a stronger password: </source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>withdraw</name>
    <message>
        <source>This can&apos;t be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdraw {code}?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
