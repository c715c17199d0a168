<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>duo::ContainerProbe</name>
    <message numerus="yes">
        <source>%1 holds %n certificate(s), so not the public roots</source>
        <translation>
            <numerusform>%1 holds %n certificate, so not the public roots</numerusform>
            <numerusform>%1 holds %n certificates, so not the public roots</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of the four token keys PEM-shaped</source>
        <translation>
            <numerusform>%n of the four token keys PEM-shaped</numerusform>
            <numerusform>%n of the four token keys PEM-shaped</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 with %n certificate(s)</source>
        <translation>
            <numerusform>%1 with %n certificate</numerusform>
            <numerusform>%1 with %n certificates</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>duo::ManualJudge</name>
    <message numerus="yes">
        <source>%n step(s) passed.</source>
        <translation>
            <numerusform>%n step passed.</numerusform>
            <numerusform>%n steps passed.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>duo::ui::CheckTreeModel</name>
    <message numerus="yes">
        <source>%n need you</source>
        <translation>
            <numerusform>%n needs you</numerusform>
            <numerusform>%n need you</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Explains %n other check(s)</source>
        <translation>
            <numerusform>Explains %n other check</numerusform>
            <numerusform>Explains %n other checks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n found</source>
        <translation>
            <numerusform>%n found</numerusform>
            <numerusform>%n found</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n failed</numerusform>
            <numerusform>%n failed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>explains %n</source>
        <translation>
            <numerusform>explains %n</numerusform>
            <numerusform>explains %n</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>duo::ui::ProfilesPanel</name>
    <message numerus="yes">
        <source>%1 · %n failed</source>
        <translation>
            <numerusform>%1 · %n failed</numerusform>
            <numerusform>%1 · %n failed</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>duo::ui::RunPage</name>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n warning</numerusform>
            <numerusform>%n warnings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n need(s) you</source>
        <translation>
            <numerusform>%n needs you</numerusform>
            <numerusform>%n need you</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n passed</source>
        <translation>
            <numerusform>%n passed</numerusform>
            <numerusform>%n passed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n failed</numerusform>
            <numerusform>%n failed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n skipped</source>
        <translation>
            <numerusform>%n skipped</numerusform>
            <numerusform>%n skipped</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>duo::ui::Session</name>
    <message numerus="yes">
        <source>This setup is no longer the profile “%1”. Its %n pasted output(s) were for its stack and will be cleared. Continue?</source>
        <translation>
            <numerusform>This setup is no longer the profile “%1”. Its pasted output was for its stack and will be cleared. Continue?</numerusform>
            <numerusform>This setup is no longer the profile “%1”. Its %n pasted outputs were for its stack and will be cleared. Continue?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>duo::ReportWriters</name>
    <message numerus="yes">
        <source>%n passed</source>
        <translation>
            <numerusform>%n passed</numerusform>
            <numerusform>%n passed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n failed</numerusform>
            <numerusform>%n failed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n warning</numerusform>
            <numerusform>%n warnings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n skipped</source>
        <translation>
            <numerusform>%n skipped</numerusform>
            <numerusform>%n skipped</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n manual</source>
        <translation>
            <numerusform>%n manual</numerusform>
            <numerusform>%n manual</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>duo::MarkdownReport</name>
</context>
<context>
    <name>duo::HtmlReport</name>
    <message numerus="yes">
        <source>%n passed</source>
        <translation>
            <numerusform>%n passed</numerusform>
            <numerusform>%n passed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n warning</numerusform>
            <numerusform>%n warnings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n skipped</source>
        <translation>
            <numerusform>%n skipped</numerusform>
            <numerusform>%n skipped</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n manual step(s) to confirm by hand</source>
        <translation>
            <numerusform>%n manual step to confirm by hand</numerusform>
            <numerusform>%n manual steps to confirm by hand</numerusform>
        </translation>
    </message>
</context>
</TS>
