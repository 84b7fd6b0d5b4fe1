<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="en_GB">
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
    <name>ComboInput</name>
    <message>
        <source>Choose…</source>
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
    <name>FileInput</name>
    <message>
        <source>Photos, recordings and files can&apos;t be added in this version of SYL Collect. Leave this question empty, or note on paper where the file is kept.</source>
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
        <source>Filter by {what}</source>
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
    <name>HomePage</name>
    <message>
        <source>Home</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The study on this laptop, and what has been collected so far.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Study summary</source>
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
    <name>NoWorkspaceWindow</name>
    <message>
        <source>SYL Collect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No workspace on this laptop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SYL Collect keeps its encrypted data in a workspace. There isn&apos;t one yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To set up this laptop for a real study, ask your supervisor for the study package (a .sylpkg file), then run this command:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data folder: {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Or practise first with the demo study. It is kept in its own folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set up the demo study</source>
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
        <source>How the app looks and locks on this laptop, and who can use it.</source>
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
    <name>SetupDialog</name>
    <message>
        <source>SYL Collect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set up the demo study</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no workspace on this laptop yet. Start with the demo study.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo study is made up: example sites, waves and questionnaires to practise with. What you enter is encrypted on this laptop, just as in a real study.</source>
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
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type your name. You&apos;ll sign in with it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a stronger password: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two passwords are different. Type it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Setting up the encrypted workspace… this takes a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recovery key: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write down your recovery key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If every password is forgotten, this key is the only way back in. It is shown only this once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write it on paper and keep it locked away, apart from the laptop. Never keep it in a file or an email.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I have written it down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied. The clipboard is emptied when this window closes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tick “I have written it down” once the key is safe on paper.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key is shown only once. Write it down before closing.</source>
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
    <name>UnlockWindow</name>
    <message>
        <source>SYL Collect</source>
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
    <name>combo</name>
    <message>
        <source>Choose your name</source>
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
        <source>Observations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Indicators</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
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
        <source>This participant withdrew: their consent records were destroyed.</source>
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
