<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="de_DE">
<context>
    <name>duo::Catalog</name>
    <message>
        <source>GitLab answers</source>
        <translation>GitLab antwortet</translation>
    </message>
    <message>
        <source>Personal access token is valid</source>
        <translation>Persönliches Zugriffstoken ist gültig</translation>
    </message>
    <message>
        <source>GitLab edition and version support self-hosted models</source>
        <translation>GitLab-Edition und -Version unterstützen selbst gehostete Modelle</translation>
    </message>
    <message>
        <source>License is present and not expired</source>
        <translation>Lizenz vorhanden und nicht abgelaufen</translation>
    </message>
    <message>
        <source>User may use Code Suggestions</source>
        <translation>Benutzer darf Code Suggestions verwenden</translation>
    </message>
    <message>
        <source>Code Suggestions use the self-hosted model</source>
        <translation>Code Suggestions verwenden das selbst gehostete Modell</translation>
    </message>
    <message>
        <source>GitLab's AI gateway URL is this gateway</source>
        <translation>GitLabs AI-Gateway-URL ist dieses Gateway</translation>
    </message>
    <message>
        <source>A code suggestion through GitLab</source>
        <translation>Ein Codevorschlag über GitLab</translation>
    </message>
    <message>
        <source>GitLab reaches the AI gateway</source>
        <translation>GitLab erreicht das AI Gateway</translation>
    </message>
    <message>
        <source>GitLab reaches the model through the gateway</source>
        <translation>GitLab erreicht das Modell über das Gateway</translation>
    </message>
    <message>
        <source>AI gateway answers</source>
        <translation>AI Gateway antwortet</translation>
    </message>
    <message>
        <source>AI gateway can process requests</source>
        <translation>AI Gateway kann Anfragen verarbeiten</translation>
    </message>
    <message>
        <source>AI gateway accepts requests without a GitLab token</source>
        <translation>AI Gateway akzeptiert Anfragen ohne GitLab-Token</translation>
    </message>
    <message>
        <source>AI gateway gets an answer from the model</source>
        <translation>AI Gateway erhält eine Antwort vom Modell</translation>
    </message>
    <message>
        <source>The gateway can reach the model's address</source>
        <translation>Das Gateway erreicht die Adresse des Modells</translation>
    </message>
    <message>
        <source>Model server answers</source>
        <translation>Modellserver antwortet</translation>
    </message>
    <message>
        <source>Model server type</source>
        <translation>Art des Modellservers</translation>
    </message>
    <message>
        <source>Endpoint path serves the OpenAI API</source>
        <translation>Endpunktpfad liefert die OpenAI-API</translation>
    </message>
    <message>
        <source>Model server accepts the API key</source>
        <translation>Modellserver akzeptiert den API-Schlüssel</translation>
    </message>
    <message>
        <source>Model server serves this model</source>
        <translation>Modellserver stellt dieses Modell bereit</translation>
    </message>
    <message>
        <source>Model generates an answer</source>
        <translation>Modell erzeugt eine Antwort</translation>
    </message>
    <message>
        <source>Log GitLab's AI requests (expanded_ai_logging)</source>
        <translation>GitLabs KI-Anfragen protokollieren (expanded_ai_logging)</translation>
    </message>
    <message>
        <source>GitLab's verification task</source>
        <translation>GitLabs Prüfaufgabe</translation>
    </message>
    <message>
        <source>The gateway's troubleshooting script</source>
        <translation>Das Fehlersuchskript des Gateways</translation>
    </message>
    <message>
        <source>GitLab's AI_GATEWAY_URL (Rails console)</source>
        <translation>GitLabs AI_GATEWAY_URL (Rails-Konsole)</translation>
    </message>
    <message>
        <source>GitLab's HTTP request to the gateway (Rails console)</source>
        <translation>GitLabs HTTP-Anfrage an das Gateway (Rails-Konsole)</translation>
    </message>
    <message>
        <source>GitLab's request to the model (Rails console)</source>
        <translation>GitLabs Anfrage an das Modell (Rails-Konsole)</translation>
    </message>
    <message>
        <source>User may access Code Suggestions (Rails console)</source>
        <translation>Benutzer darf Code Suggestions nutzen (Rails-Konsole)</translation>
    </message>
    <message>
        <source>Gateway environment variables (container shell)</source>
        <translation>Umgebungsvariablen des Gateways (Container-Shell)</translation>
    </message>
    <message>
        <source>Gateway health from inside its container</source>
        <translation>Gateway-Zustand aus seinem Container heraus</translation>
    </message>
    <message>
        <source>Model request from inside the gateway container</source>
        <translation>Modellanfrage aus dem Gateway-Container heraus</translation>
    </message>
    <message>
        <source>Model reachable from inside the gateway container</source>
        <translation>Modell aus dem Gateway-Container erreichbar</translation>
    </message>
    <message>
        <source>Gateway image platform matches the host</source>
        <translation>Plattform des Gateway-Images passt zum Host</translation>
    </message>
    <message>
        <source>GitLab</source>
        <translation>GitLab</translation>
    </message>
    <message>
        <source>AI Gateway</source>
        <translation>AI Gateway</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Manual steps</source>
        <translation>Manuelle Schritte</translation>
    </message>
    <message>
        <source>The user has a GitLab Duo seat</source>
        <translation>Benutzer hat einen GitLab-Duo-Platz</translation>
    </message>
    <message>
        <source>GitLab's self-hosted model matches this setup</source>
        <translation>GitLabs selbst gehostetes Modell passt zu dieser Einrichtung</translation>
    </message>
    <message>
        <source>Model's context window fits code generation</source>
        <translation>Kontextfenster des Modells reicht für die Codegenerierung</translation>
    </message>
    <message>
        <source>Model writes code within GitLab's timeout</source>
        <translation>Modell schreibt Code innerhalb von GitLabs Timeout</translation>
    </message>
    <message>
        <source>Agent Platform service</source>
        <translation>Agent-Platform-Dienst</translation>
    </message>
    <message>
        <source>GitLab&apos;s Agent Platform check of a project (verify_setup)</source>
        <translation>GitLabs Agent-Platform-Prüfung eines Projekts (verify_setup)</translation>
    </message>
    <message>
        <source>Model answers with tool calls (Agentic Chat, flows)</source>
        <translation>Modell antwortet mit Tool-Aufrufen (Agentic Chat, Flows)</translation>
    </message>
    <message>
        <source>Model streams its answer as server-sent events</source>
        <translation>Modell streamt seine Antwort als Server-Sent Events</translation>
    </message>
    <message>
        <source>Model accepts the parameters the gateway sends</source>
        <translation>Modell akzeptiert die Parameter, die das Gateway sendet</translation>
    </message>
    <message>
        <source>GitLab&apos;s Agent Platform service address is HOST:PORT</source>
        <translation>Die Adresse des Agent-Platform-Dienstes in GitLab ist HOST:PORT</translation>
    </message>
    <message>
        <source>Where each GitLab Duo feature is routed</source>
        <translation>Wohin jede GitLab-Duo-Funktion geleitet wird</translation>
    </message>
    <message>
        <source>A runner tagged gitlab--duo can run flows</source>
        <translation>Ein Runner mit dem Tag gitlab--duo kann Flows ausführen</translation>
    </message>
    <message>
        <source>Agentic Chat&apos;s WebSocket opens through GitLab</source>
        <translation>Der WebSocket von Agentic Chat öffnet sich über GitLab</translation>
    </message>
    <message>
        <source>Agent Platform service answers gRPC&apos;s HTTP/2</source>
        <translation>Agent-Platform-Dienst antwortet mit dem HTTP/2 von gRPC</translation>
    </message>
    <message>
        <source>Agent Platform service reports SERVING</source>
        <translation>Agent-Platform-Dienst meldet SERVING</translation>
    </message>
    <message>
        <source>The identifier names a model platform, in its form</source>
        <translation>Der Bezeichner nennt eine Modellplattform, in ihrer Form</translation>
    </message>
</context>
<context>
    <name>duo::CheckContext</name>
    <message>
        <source>An answer Duo Doctor does not recognise: %1</source>
        <translation>Eine Antwort, die Duo Doctor nicht kennt: %1</translation>
    </message>
    <message>
        <source>Compare with the manual steps below and the server's log; the evidence shows the exact answer.</source>
        <translation>Vergleichen Sie mit den manuellen Schritten unten und dem Serverprotokoll; die Belege zeigen die genaue Antwort.</translation>
    </message>
    <message>
        <source>HTTP %1 in %2 ms</source>
        <translation>HTTP %1 in %2 ms</translation>
    </message>
    <message>
        <source>The server redirected %1 to %2: every request takes the detour, and requests carrying a token or key are not followed to another address.</source>
        <translation>Der Server hat %1 nach %2 umgeleitet: jede Anfrage nimmt den Umweg, und Anfragen mit Token oder Schlüssel folgen nicht zu einer anderen Adresse.</translation>
    </message>
    <message>
        <source>Use %1 as the URL, here and wherever GitLab or the gateway is configured.</source>
        <translation>Verwenden Sie %1 als URL, hier und überall, wo GitLab oder das Gateway konfiguriert ist.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; (%2) did not finish: Duo Doctor stopped waiting for it.</source>
        <translation>„%1“ (%2) wurde nicht fertig: Duo Doctor hat nicht länger darauf gewartet.</translation>
    </message>
    <message>
        <source>The check neither finished nor waited for an answer within its deadline. This is a fault in Duo Doctor, not in your setup.</source>
        <translation>Die Prüfung wurde innerhalb ihrer Frist weder fertig, noch wartete sie auf eine Antwort. Das ist ein Fehler in Duo Doctor, nicht in Ihrer Einrichtung.</translation>
    </message>
    <message>
        <source>Run the check again; if it happens again, report it with this report.</source>
        <translation>Führen Sie die Prüfung erneut aus; passiert es wieder, melden Sie es mit diesem Bericht.</translation>
    </message>
</context>
<context>
    <name>duo::CheckEngine</name>
    <message>
        <source>Cancelled before it finished.</source>
        <translation>Vor dem Ende abgebrochen.</translation>
    </message>
    <message>
        <source>Not run: it needs "%1" (%2), which failed.</source>
        <translation>Nicht ausgeführt: benötigt „%1“ (%2), das fehlgeschlagen ist.</translation>
    </message>
    <message>
        <source>Not run: it needs "%1" (%2), which was skipped.</source>
        <translation>Nicht ausgeführt: benötigt „%1“ (%2), das übersprungen wurde.</translation>
    </message>
    <message>
        <source>Not run: it needs "%1" (%2), which could not be checked from here.</source>
        <translation>Nicht ausgeführt: benötigt „%1“ (%2), das von hier aus nicht geprüft werden konnte.</translation>
    </message>
    <message>
        <source>Not run: needs an administrator's token; %1 is not an administrator.</source>
        <translation>Nicht ausgeführt: braucht das Token eines Administrators; %1 ist kein Administrator.</translation>
    </message>
</context>
<context>
    <name>duo::Commands</name>
    <message>
        <source>Docker: restart the gateway on the host network</source>
        <translation>Docker: das Gateway im Host-Netzwerk neu starten</translation>
    </message>
    <message>
        <source>Kubernetes: run the gateway pod on the node's network</source>
        <translation>Kubernetes: den Gateway-Pod im Netzwerk des Knotens ausführen</translation>
    </message>
    <message>
        <source>Docker: ask the model from inside the gateway container</source>
        <translation>Docker: das Modell aus dem Gateway-Container heraus fragen</translation>
    </message>
    <message>
        <source>Kubernetes: the same from the gateway pod</source>
        <translation>Kubernetes: dasselbe aus dem Gateway-Pod</translation>
    </message>
    <message>
        <source>Docker: show the gateway's settings</source>
        <translation>Docker: die Einstellungen des Gateways anzeigen</translation>
    </message>
    <message>
        <source>Kubernetes: the same in the gateway pod</source>
        <translation>Kubernetes: dasselbe im Gateway-Pod</translation>
    </message>
    <message>
        <source>Docker: recreate the gateway with the required settings</source>
        <translation>Docker: das Gateway mit den nötigen Einstellungen neu erstellen</translation>
    </message>
    <message>
        <source>Kubernetes: set them on the deployment</source>
        <translation>Kubernetes: sie am Deployment setzen</translation>
    </message>
    <message>
        <source>Docker: the gateway's recent log</source>
        <translation>Docker: das aktuelle Protokoll des Gateways</translation>
    </message>
    <message>
        <source>Kubernetes: the gateway pod's recent log</source>
        <translation>Kubernetes: das aktuelle Protokoll des Gateway-Pods</translation>
    </message>
    <message>
        <source>Docker: health from inside the gateway container</source>
        <translation>Docker: Zustand aus dem Gateway-Container heraus</translation>
    </message>
    <message>
        <source>Docker: the model request from inside the gateway container</source>
        <translation>Docker: die Modellanfrage aus dem Gateway-Container heraus</translation>
    </message>
    <message>
        <source>Docker: the gateway's troubleshooting script</source>
        <translation>Docker: das Fehlersuchskript des Gateways</translation>
    </message>
    <message>
        <source>Docker: pull and run the amd64 image explicitly</source>
        <translation>Docker: das amd64-Image ausdrücklich holen und starten</translation>
    </message>
    <message>
        <source>Linux package: GitLab's own verification task</source>
        <translation>Linux-Paket: GitLabs eigene Prüfaufgabe</translation>
    </message>
    <message>
        <source>Kubernetes (Helm chart): from the toolbox pod</source>
        <translation>Kubernetes (Helm-Chart): aus dem Toolbox-Pod</translation>
    </message>
    <message>
        <source>Rails console: the gateway URL GitLab uses</source>
        <translation>Rails-Konsole: die Gateway-URL, die GitLab verwendet</translation>
    </message>
    <message>
        <source>Linux package: set it in /etc/gitlab/gitlab.rb, then reconfigure</source>
        <translation>Linux-Paket: in /etc/gitlab/gitlab.rb setzen, dann reconfigure</translation>
    </message>
    <message>
        <source>Rails console: can GitLab reach the gateway?</source>
        <translation>Rails-Konsole: erreicht GitLab das Gateway?</translation>
    </message>
    <message>
        <source>Rails console: add the gateway host to the outbound allow-list</source>
        <translation>Rails-Konsole: den Gateway-Host in die Ausnahmeliste für ausgehende Anfragen aufnehmen</translation>
    </message>
    <message>
        <source>Rails console: GitLab -&gt; gateway -&gt; model</source>
        <translation>Rails-Konsole: GitLab -&gt; Gateway -&gt; Modell</translation>
    </message>
    <message>
        <source>Rails console: may this user use Code Suggestions?</source>
        <translation>Rails-Konsole: darf dieser Benutzer Code Suggestions verwenden?</translation>
    </message>
    <message>
        <source>Rails console: the current license</source>
        <translation>Rails-Konsole: die aktuelle Lizenz</translation>
    </message>
    <message>
        <source>Rails console: which model each feature uses</source>
        <translation>Rails-Konsole: welches Modell jede Funktion verwendet</translation>
    </message>
    <message>
        <source>Rails console: log GitLab &lt;-&gt; gateway traffic to llm.log</source>
        <translation>Rails-Konsole: Verkehr GitLab &lt;-&gt; Gateway in llm.log protokollieren</translation>
    </message>
    <message>
        <source>Rails console: turn it off again when you are done</source>
        <translation>Rails-Konsole: danach wieder ausschalten</translation>
    </message>
    <message>
        <source>From this desktop: what the model server serves</source>
        <translation>Von diesem Rechner: was der Modellserver bereitstellt</translation>
    </message>
    <message>
        <source>Docker: the gateway's GitLab URLs, and GitLab's API from inside the container</source>
        <translation>Docker: die GitLab-URLs des Gateways und GitLabs API aus dem Container heraus</translation>
    </message>
    <message>
        <source>On the gateway host: make the four RSA-2048 signing keys (PEM), kept out of any command line</source>
        <translation>Auf dem Gateway-Host: die vier RSA-2048-Signaturschlüssel (PEM) erzeugen, ohne sie je auf eine Befehlszeile zu setzen</translation>
    </message>
    <message>
        <source>Kubernetes: keep them in a Secret and map it to the four variables on the deployment</source>
        <translation>Kubernetes: in einem Secret ablegen und es den vier Variablen des Deployments zuordnen</translation>
    </message>
    <message>
        <source>Docker: the Agent Platform service&apos;s gRPC health from inside the gateway container</source>
        <translation>Docker: gRPC-Zustand des Agent-Platform-Dienstes aus dem Gateway-Container heraus</translation>
    </message>
    <message>
        <source>Linux package: GitLab&apos;s Agent Platform check of one project</source>
        <translation>Linux-Paket: GitLabs Agent-Platform-Prüfung eines Projekts</translation>
    </message>
    <message>
        <source>GitLab 18.8 to 18.11: download verify_setup.rb to /tmp on the GitLab server, then run it</source>
        <translation>GitLab 18.8 bis 18.11: verify_setup.rb auf dem GitLab-Server nach /tmp herunterladen und ausführen</translation>
    </message>
    <message>
        <source>GitLab 19.0 and later (18.8 to 18.11: the script verify_setup.rb with gitlab-rails runner; older releases have neither)</source>
        <translation>GitLab 19.0 und neuer (18.8 bis 18.11: das Skript verify_setup.rb mit gitlab-rails runner; ältere Versionen haben keines von beiden)</translation>
    </message>
    <message>
        <source>Rails console: the gateway URL GitLab stores (Admin &gt; GitLab Duo)</source>
        <translation>Rails-Konsole: die Gateway-URL, die GitLab speichert (Admin &gt; GitLab Duo)</translation>
    </message>
    <message>
        <source>Rails console: set it (or Admin &gt; GitLab Duo &gt; Change configuration &gt; Local AI Gateway URL)</source>
        <translation>Rails-Konsole: sie setzen (oder Admin &gt; GitLab Duo &gt; Change configuration &gt; Local AI Gateway URL)</translation>
    </message>
    <message>
        <source>Rails console: turn on &quot;Enable AI logs&quot; (or Admin &gt; GitLab Duo &gt; Change configuration)</source>
        <translation>Rails-Konsole: „Enable AI logs“ einschalten (oder Admin &gt; GitLab Duo &gt; Change configuration)</translation>
    </message>
    <message>
        <source>Rails console: is it on?</source>
        <translation>Rails-Konsole: ist es eingeschaltet?</translation>
    </message>
    <message>
        <source>Rails console: the Agent Platform service address GitLab uses</source>
        <translation>Rails-Konsole: die Adresse des Agent-Platform-Dienstes, die GitLab verwendet</translation>
    </message>
    <message>
        <source>Rails console: set it as HOST:PORT, without a scheme</source>
        <translation>Rails-Konsole: als HOST:PORT setzen, ohne Schema</translation>
    </message>
    <message>
        <source>On the runner&apos;s host: register the runner created with the tag gitlab--duo (Docker executor)</source>
        <translation>Auf dem Host des Runners: den mit dem Tag gitlab--duo angelegten Runner registrieren (Docker-Executor)</translation>
    </message>
    <message>
        <source>Kubernetes: the runner&apos;s Helm chart with the same token</source>
        <translation>Kubernetes: das Helm-Chart des Runners mit demselben Token</translation>
    </message>
    <message>
        <source>On the runner&apos;s host: its state, and whether GitLab accepts it</source>
        <translation>Auf dem Host des Runners: sein Zustand, und ob GitLab ihn annimmt</translation>
    </message>
    <message>
        <source>Docker: the Agent Platform service&apos;s TLS and authentication settings</source>
        <translation>Docker: TLS- und Authentifizierungseinstellungen des Agent-Platform-Dienstes</translation>
    </message>
</context>
<context>
    <name>duo::ContainerProbe</name>
    <message>
        <source>Inside the gateway container AIGW_CUSTOM_MODELS__ENABLED is "%1", not true.</source>
        <translation>Im Gateway-Container ist AIGW_CUSTOM_MODELS__ENABLED „%1“, nicht true.</translation>
    </message>
    <message>
        <source>Inside the gateway container AIGW_AUTH__BYPASS_EXTERNAL is "%1", not true.</source>
        <translation>Im Gateway-Container ist AIGW_AUTH__BYPASS_EXTERNAL „%1“, nicht true.</translation>
    </message>
    <message>
        <source>AIGW_GITLAB_URL is not set in the gateway container.</source>
        <translation>AIGW_GITLAB_URL ist im Gateway-Container nicht gesetzt.</translation>
    </message>
    <message>
        <source>The gateway container cannot resolve GitLab's host %1.</source>
        <translation>Der Gateway-Container kann GitLabs Host %1 nicht auflösen.</translation>
    </message>
    <message>
        <source>%1 does not resolve inside the container</source>
        <translation>%1 wird im Container nicht aufgelöst</translation>
    </message>
    <message>
        <source>Custom models on, external auth bypassed, AIGW_GITLAB_URL=%1; GitLab's host resolves to %2.</source>
        <translation>Eigene Modelle an, externe Authentifizierung umgangen, AIGW_GITLAB_URL=%1; GitLabs Host wird zu %2 aufgelöst.</translation>
    </message>
    <message>
        <source>(not checked)</source>
        <translation>(nicht geprüft)</translation>
    </message>
    <message>
        <source>The gateway answers its own health check inside the container (HTTP 200).</source>
        <translation>Das Gateway beantwortet seine eigene Zustandsprüfung im Container (HTTP 200).</translation>
    </message>
    <message>
        <source>Inside the container nothing answers %1: %2</source>
        <translation>Im Container antwortet nichts unter %1: %2</translation>
    </message>
    <message>
        <source>Inside the container the gateway's health check answers HTTP %1.</source>
        <translation>Im Container antwortet die Zustandsprüfung des Gateways mit HTTP %1.</translation>
    </message>
    <message>
        <source>The model server answers the gateway container (HTTP 200 from %1).</source>
        <translation>Der Modellserver antwortet dem Gateway-Container (HTTP 200 von %1).</translation>
    </message>
    <message>
        <source>The gateway container cannot reach the model at %1: %2</source>
        <translation>Der Gateway-Container erreicht das Modell unter %1 nicht: %2</translation>
    </message>
    <message>
        <source>The model server refuses the key from inside the container (HTTP %1).</source>
        <translation>Der Modellserver lehnt den Schlüssel aus dem Container heraus ab (HTTP %1).</translation>
    </message>
    <message>
        <source>The model server answers the container but wants a key (HTTP %1); run the probe with DUO_MODEL_KEY to check it.</source>
        <translation>Der Modellserver antwortet dem Container, verlangt aber einen Schlüssel (HTTP %1); führen Sie die Probe mit DUO_MODEL_KEY aus, um ihn zu prüfen.</translation>
    </message>
    <message>
        <source>Inside the container %1 is not found (HTTP 404).</source>
        <translation>Im Container wird %1 nicht gefunden (HTTP 404).</translation>
    </message>
    <message>
        <source>Inside the container %1 answers HTTP %2.</source>
        <translation>Im Container antwortet %1 mit HTTP %2.</translation>
    </message>
    <message>
        <source>no JSON object in the pasted text: paste the line the probe printed</source>
        <translation>kein JSON-Objekt im eingefügten Text: fügen Sie die Zeile ein, die die Probe ausgegeben hat</translation>
    </message>
    <message>
        <source>the probe's output is not valid JSON (%1): paste it whole</source>
        <translation>die Ausgabe der Probe ist kein gültiges JSON (%1): fügen Sie sie vollständig ein</translation>
    </message>
    <message>
        <source>this is not the output of Duo Doctor's container probe</source>
        <translation>das ist nicht die Ausgabe der Container-Probe von Duo Doctor</translation>
    </message>
    <message>
        <source>%1 not set</source>
        <translation>%1 nicht gesetzt</translation>
    </message>
    <message>
        <source>%1 not a PEM key</source>
        <translation>%1 kein PEM-Schlüssel</translation>
    </message>
    <message>
        <source>The Agent Platform service&apos;s token keys are not usable: %1.</source>
        <translation>Die Token-Schlüssel des Agent-Platform-Dienstes sind nicht verwendbar: %1.</translation>
    </message>
    <message>
        <source>%1 hold a PEM key on one line.</source>
        <translation>%1 enthält einen PEM-Schlüssel in einer einzigen Zeile.</translation>
    </message>
    <message>
        <source>DUO_WORKFLOW_AUTH__ENABLED is &quot;%1&quot; in the gateway container, not true.</source>
        <translation>DUO_WORKFLOW_AUTH__ENABLED ist im Gateway-Container „%1“, nicht true.</translation>
    </message>
    <message>
        <source>%1 names %2, which the container cannot read</source>
        <translation>%1 nennt %2, das der Container nicht lesen kann</translation>
    </message>
    <message>
        <source>only %1 is set (Python&apos;s requests reads REQUESTS_CA_BUNDLE, the other clients SSL_CERT_FILE)</source>
        <translation>nur %1 ist gesetzt (Pythons requests liest REQUESTS_CA_BUNDLE, die anderen Clients SSL_CERT_FILE)</translation>
    </message>
    <message>
        <source>The gateway&apos;s CA settings are incomplete: %1.</source>
        <translation>Die CA-Einstellungen des Gateways sind unvollständig: %1.</translation>
    </message>
    <message>
        <source>only %1 is set</source>
        <translation>nur %1 ist gesetzt</translation>
    </message>
    <message>
        <source>%1 is neither GitLab&apos;s URL nor GitLab&apos;s customer portal</source>
        <translation>%1 ist weder GitLabs URL noch GitLabs Kundenportal</translation>
    </message>
    <message>
        <source>Customer portal URLs: %1.</source>
        <translation>URLs des Kundenportals: %1.</translation>
    </message>
    <message>
        <source>%1, a tag that names no GitLab version</source>
        <translation>%1, ein Tag, das keine GitLab-Version nennt</translation>
    </message>
    <message>
        <source>The gateway image %1 does not match GitLab %2.</source>
        <translation>Das Gateway-Image %1 passt nicht zu GitLab %2.</translation>
    </message>
    <message>
        <source>image %1</source>
        <translation>Image %1</translation>
    </message>
    <message>
        <source>Also: %1</source>
        <translation>Außerdem: %1</translation>
    </message>
    <message>
        <source>The Agent Platform service answers SERVING at %1.</source>
        <translation>Der Agent-Platform-Dienst antwortet SERVING unter %1.</translation>
    </message>
    <message>
        <source>Inside the container the Agent Platform service answers %1 at %2.</source>
        <translation>Im Container antwortet der Agent-Platform-Dienst unter %2 mit %1.</translation>
    </message>
    <message>
        <source>Inside the container the Agent Platform service does not answer at %1: %2</source>
        <translation>Im Container antwortet der Agent-Platform-Dienst unter %1 nicht: %2</translation>
    </message>
    <message numerus="yes">
        <source>%1 holds %n certificate(s), so not the public roots</source>
        <translation>
            <numerusform>%1 enthält %n Zertifikat, also nicht die öffentlichen Wurzeln</numerusform>
            <numerusform>%1 enthält %n Zertifikate, also nicht die öffentlichen Wurzeln</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of the four token keys PEM-shaped</source>
        <translation>
            <numerusform>%n der vier Token-Schlüssel im PEM-Format</numerusform>
            <numerusform>%n der vier Token-Schlüssel im PEM-Format</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 with %n certificate(s)</source>
        <translation>
            <numerusform>%1 mit %n Zertifikat</numerusform>
            <numerusform>%1 mit %n Zertifikaten</numerusform>
        </translation>
    </message>
    <message>
        <source>The model runs on AWS Bedrock, but the gateway container has neither AWS credentials nor a region (AWS_REGION or AWS_REGION_NAME).</source>
        <translation>Das Modell läuft auf AWS Bedrock, aber der Gateway-Container hat weder AWS-Zugangsdaten noch eine Region (AWS_REGION oder AWS_REGION_NAME).</translation>
    </message>
    <message>
        <source>model platform settings set: %1</source>
        <translation>Einstellungen der Modellplattform gesetzt: %1</translation>
    </message>
</context>
<context>
    <name>duo::FleetReport</name>
    <message>
        <source>Not run: %1</source>
        <translation>Nicht ausgeführt: %1</translation>
    </message>
    <message>
        <source>%1 failed; most likely: %2</source>
        <translation>%1 fehlgeschlagen; am wahrscheinlichsten: %2</translation>
    </message>
    <message>
        <source>No check failed (%1 passed, %2 warnings)</source>
        <translation>Keine Prüfung fehlgeschlagen (%1 bestanden, %2 Warnungen)</translation>
    </message>
    <message>
        <source>Duo Doctor fleet report</source>
        <translation>Duo-Doctor-Flottenbericht</translation>
    </message>
    <message>
        <source>%1 profiles checked, %2 with a failure.</source>
        <translation>%1 Profile geprüft, %2 mit fehlgeschlagener Prüfung.</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
</context>
<context>
    <name>duo::GatewayChecks</name>
    <message>
        <source>No AI gateway URL given: gateway checks are skipped.</source>
        <translation>Keine AI-Gateway-URL angegeben: Gateway-Prüfungen werden übersprungen.</translation>
    </message>
    <message>
        <source>GET %1 from this desktop: %2</source>
        <translation>GET %1 von diesem Rechner: %2</translation>
    </message>
    <message>
        <source>The AI gateway did not answer: %1</source>
        <translation>Das AI Gateway hat nicht geantwortet: %1</translation>
    </message>
    <message>
        <source>The AI gateway answered in %1 ms.</source>
        <translation>Das AI Gateway hat in %1 ms geantwortet.</translation>
    </message>
    <message>
        <source>GET /monitoring/healthz: %1</source>
        <translation>GET /monitoring/healthz: %1</translation>
    </message>
    <message>
        <source>The AI gateway reports healthy.</source>
        <translation>Das AI Gateway meldet sich gesund.</translation>
    </message>
    <message>
        <source>/monitoring/healthz answered HTTP %1.</source>
        <translation>/monitoring/healthz hat mit HTTP %1 geantwortet.</translation>
    </message>
    <message>
        <source>POST /v1/chat/agent without a token and with an empty body: %1</source>
        <translation>POST /v1/chat/agent ohne Token und mit leerem Rumpf: %1</translation>
    </message>
    <message>
        <source>Requests without a GitLab token get past authentication (HTTP %1).</source>
        <translation>Anfragen ohne GitLab-Token kommen durch die Authentifizierung (HTTP %1).</translation>
    </message>
    <message>
        <source>Requests without a GitLab token are refused (HTTP %1).</source>
        <translation>Anfragen ohne GitLab-Token werden abgewiesen (HTTP %1).</translation>
    </message>
    <message>
        <source>Needs the model name and endpoint.</source>
        <translation>Braucht Modellname und Endpunkt.</translation>
    </message>
    <message>
        <source>POST /v1/chat/agent with the troubleshooting page's body (model %1, endpoint %2): %3</source>
        <translation>POST /v1/chat/agent mit dem Rumpf der Fehlersuchseite (Modell %1, Endpunkt %2): %3</translation>
    </message>
    <message>
        <source>The model answered through the gateway in %1 ms: "%2"</source>
        <translation>Das Modell hat über das Gateway in %1 ms geantwortet: „%2“</translation>
    </message>
    <message>
        <source>The gateway answered HTTP %1: %2</source>
        <translation>Das Gateway hat mit HTTP %1 geantwortet: %2</translation>
    </message>
    <message>
        <source>A login page answered instead of the gateway.</source>
        <translation>Statt des Gateways hat eine Anmeldeseite geantwortet.</translation>
    </message>
</context>
<context>
    <name>duo::GitLabChecks</name>
    <message>
        <source>GitLab answered HTTP %1.</source>
        <translation>GitLab hat mit HTTP %1 geantwortet.</translation>
    </message>
    <message>
        <source>No GitLab URL given: GitLab checks are skipped.</source>
        <translation>Keine GitLab-URL angegeben: GitLab-Prüfungen werden übersprungen.</translation>
    </message>
    <message>
        <source>GET %1 from this desktop: %2</source>
        <translation>GET %1 von diesem Rechner: %2</translation>
    </message>
    <message>
        <source>GitLab did not answer: %1</source>
        <translation>GitLab hat nicht geantwortet: %1</translation>
    </message>
    <message>
        <source>Something answers at %1, but not GitLab's API (HTTP %2).</source>
        <translation>Unter %1 antwortet etwas, aber nicht die GitLab-API (HTTP %2).</translation>
    </message>
    <message>
        <source>GitLab answered in %1 ms (HTTP %2).</source>
        <translation>GitLab hat in %1 ms geantwortet (HTTP %2).</translation>
    </message>
    <message>
        <source>No personal access token given (--gitlab-token-env): checks that ask GitLab are skipped.</source>
        <translation>Kein persönliches Zugriffstoken angegeben (--gitlab-token-env): Prüfungen, die GitLab fragen, werden übersprungen.</translation>
    </message>
    <message>
        <source>GitLab rejected the token (HTTP 401).</source>
        <translation>GitLab hat das Token abgelehnt (HTTP 401).</translation>
    </message>
    <message>
        <source>administrator</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>not an administrator</source>
        <translation>kein Administrator</translation>
    </message>
    <message>
        <source>Token of %1 (%2), scopes: %3.</source>
        <translation>Token von %1 (%2), Bereiche: %3.</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>License, feature settings, the AI gateway URL and GitLab's connection check need an administrator's token; they are skipped.</source>
        <translation>Lizenz, Funktionseinstellungen, AI-Gateway-URL und GitLabs Verbindungsprüfung brauchen das Token eines Administrators; sie werden übersprungen.</translation>
    </message>
    <message>
        <source>GitLab %1 is the Community Edition.</source>
        <translation>GitLab %1 ist die Community Edition.</translation>
    </message>
    <message>
        <source>GitLab %1 is older than 17.0.</source>
        <translation>GitLab %1 ist älter als 17.0.</translation>
    </message>
    <message>
        <source>GitLab %1 Enterprise Edition; the matching gateway image tag is %2.</source>
        <translation>GitLab %1 Enterprise Edition; das passende Gateway-Image-Tag ist %2.</translation>
    </message>
    <message>
        <source>GitLab refused to show the license: it needs an administrator's token.</source>
        <translation>GitLab hat die Lizenz nicht gezeigt: dafür braucht es das Token eines Administrators.</translation>
    </message>
    <message>
        <source>GitLab has no license.</source>
        <translation>GitLab hat keine Lizenz.</translation>
    </message>
    <message>
        <source>The %1 license expired on %2.</source>
        <translation>Die %1-Lizenz ist am %2 abgelaufen.</translation>
    </message>
    <message>
        <source>%1 license, no expiry date.</source>
        <translation>%1-Lizenz, ohne Ablaufdatum.</translation>
    </message>
    <message>
        <source>%1 license, valid until %2.</source>
        <translation>%1-Lizenz, gültig bis %2.</translation>
    </message>
    <message>
        <source>This GitLab version cannot answer remotely; run the manual step manual.user_access.</source>
        <translation>Diese GitLab-Version kann das nicht aus der Ferne beantworten; führen Sie den manuellen Schritt manual.user_access aus.</translation>
    </message>
    <message>
        <source>%1 may not use Code Suggestions.</source>
        <translation>%1 darf Code Suggestions nicht verwenden.</translation>
    </message>
    <message>
        <source>%1 may use Code Suggestions.</source>
        <translation>%1 darf Code Suggestions verwenden.</translation>
    </message>
    <message>
        <source>GitLab refused to show the feature settings: it needs an administrator's token.</source>
        <translation>GitLab hat die Funktionseinstellungen nicht gezeigt: dafür braucht es das Token eines Administrators.</translation>
    </message>
    <message>
        <source>This GitLab version cannot list feature settings remotely; check them in Admin &gt; Settings &gt; General &gt; AI-powered features.</source>
        <translation>Diese GitLab-Version kann die Funktionseinstellungen nicht aus der Ferne auflisten; prüfen Sie sie unter Admin &gt; Settings &gt; General &gt; AI-powered features.</translation>
    </message>
    <message>
        <source>Code Suggestions not configured</source>
        <translation>Code Suggestions nicht eingerichtet</translation>
    </message>
    <message>
        <source>Not set to a self-hosted model: %1.</source>
        <translation>Nicht auf ein selbst gehostetes Modell eingestellt: %1.</translation>
    </message>
    <message>
        <source>Code Suggestions and code generation use the self-hosted model %1.</source>
        <translation>Code Suggestions und Codegenerierung verwenden das selbst gehostete Modell %1.</translation>
    </message>
    <message>
        <source>GitLab refused to show its Duo settings: it needs an administrator's token.</source>
        <translation>GitLab hat seine Duo-Einstellungen nicht gezeigt: dafür braucht es das Token eines Administrators.</translation>
    </message>
    <message>
        <source>This GitLab version keeps the URL in AI_GATEWAY_URL; run the manual step manual.gitlab_env.</source>
        <translation>Diese GitLab-Version hält die URL in AI_GATEWAY_URL; führen Sie den manuellen Schritt manual.gitlab_env aus.</translation>
    </message>
    <message>
        <source>GitLab has no AI gateway URL.</source>
        <translation>GitLab hat keine AI-Gateway-URL.</translation>
    </message>
    <message>
        <source>GitLab uses the AI gateway at %1.</source>
        <translation>GitLab verwendet das AI Gateway unter %1.</translation>
    </message>
    <message>
        <source>GitLab uses this gateway (%1).</source>
        <translation>GitLab verwendet dieses Gateway (%1).</translation>
    </message>
    <message>
        <source>GitLab reaches the gateway as %1, you entered %2; GitLab's own probe passes.</source>
        <translation>GitLab erreicht das Gateway als %1, Sie haben %2 eingegeben; GitLabs eigene Probe ist erfolgreich.</translation>
    </message>
    <message>
        <source>GitLab's AI gateway URL is %1, not %2.</source>
        <translation>GitLabs AI-Gateway-URL ist %1, nicht %2.</translation>
    </message>
    <message>
        <source>GitLab cannot run its probes for this token or version; run the manual step manual.gitlab_http_gateway.</source>
        <translation>GitLab kann seine Proben für dieses Token oder diese Version nicht ausführen; führen Sie den manuellen Schritt manual.gitlab_http_gateway aus.</translation>
    </message>
    <message>
        <source>GitLab returned no probe results; run the manual step manual.gitlab_http_gateway.</source>
        <translation>GitLab hat keine Probenergebnisse geliefert; führen Sie den manuellen Schritt manual.gitlab_http_gateway aus.</translation>
    </message>
    <message>
        <source>GitLab's own probes reach the AI gateway.</source>
        <translation>GitLabs eigene Proben erreichen das AI Gateway.</translation>
    </message>
    <message>
        <source>GitLab cannot reach the AI gateway: %1</source>
        <translation>GitLab erreicht das AI Gateway nicht: %1</translation>
    </message>
    <message>
        <source>The token lacks the api or ai_features scope that Code Suggestions need.</source>
        <translation>Dem Token fehlt der Bereich api oder ai_features, den Code Suggestions brauchen.</translation>
    </message>
    <message>
        <source>POST /api/v4/code_suggestions/completions, as an IDE does: %1</source>
        <translation>POST /api/v4/code_suggestions/completions, wie eine IDE: %1</translation>
    </message>
    <message>
        <source>GitLab returned a code suggestion in %1 ms.</source>
        <translation>GitLab hat in %1 ms einen Codevorschlag geliefert.</translation>
    </message>
    <message>
        <source>GitLab answered, but without a suggestion.</source>
        <translation>GitLab hat geantwortet, aber ohne Vorschlag.</translation>
    </message>
    <message>
        <source>GitLab answered HTTP %1: %2</source>
        <translation>GitLab hat mit HTTP %1 geantwortet: %2</translation>
    </message>
    <message>
        <source>Needs the model name and endpoint.</source>
        <translation>Braucht Modellname und Endpunkt.</translation>
    </message>
    <message>
        <source>GitLab cannot run its connection check for this token or version; run the manual step manual.console_model_request.</source>
        <translation>GitLab kann seine Verbindungsprüfung für dieses Token oder diese Version nicht ausführen; führen Sie den manuellen Schritt manual.console_model_request aus.</translation>
    </message>
    <message>
        <source>GitLab -&gt; gateway -&gt; model works: %1</source>
        <translation>GitLab -&gt; Gateway -&gt; Modell funktioniert: %1</translation>
    </message>
    <message>
        <source>GitLab's connection check failed: %1</source>
        <translation>GitLabs Verbindungsprüfung ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>A login page answered instead of GitLab's API.</source>
        <translation>Statt der GitLab-API hat eine Anmeldeseite geantwortet.</translation>
    </message>
    <message>
        <source>GitLab's /api/v4/metadata is not the JSON it should be.</source>
        <translation>GitLabs /api/v4/metadata ist nicht das erwartete JSON.</translation>
    </message>
    <message>
        <source>GitLab does not show its Duo seats to this token or version; check Admin &gt; GitLab Duo &gt; Seat utilization by hand.</source>
        <translation>GitLab zeigt seine Duo-Plätze für dieses Token oder diese Version nicht an; prüfen Sie Admin &gt; GitLab Duo &gt; Seat utilization von Hand.</translation>
    </message>
    <message>
        <source>No GitLab Duo add-on is active on this instance.</source>
        <translation>Auf dieser Instanz ist kein GitLab-Duo-Add-on aktiv.</translation>
    </message>
    <message>
        <source>GitLab does not say who has a Duo seat to this token or version; check Admin &gt; GitLab Duo &gt; Seat utilization by hand.</source>
        <translation>GitLab verrät für dieses Token oder diese Version nicht, wer einen Duo-Platz hat; prüfen Sie Admin &gt; GitLab Duo &gt; Seat utilization von Hand.</translation>
    </message>
    <message>
        <source>%1 has a %2 seat (%3 of %4 seats assigned).</source>
        <translation>%1 hat einen %2-Platz (%3 von %4 Plätzen vergeben).</translation>
    </message>
    <message>
        <source>%1 has no %2 seat (%3 of %4 seats assigned).</source>
        <translation>%1 hat keinen %2-Platz (%3 von %4 Plätzen vergeben).</translation>
    </message>
    <message>
        <source>Needs the model's name or endpoint.</source>
        <translation>Braucht den Namen oder den Endpunkt des Modells.</translation>
    </message>
    <message>
        <source>GitLab has no self-hosted model configured.</source>
        <translation>In GitLab ist kein selbst gehostetes Modell eingerichtet.</translation>
    </message>
    <message>
        <source>GitLab has no self-hosted model named %1 or with this endpoint; it has: %2.</source>
        <translation>GitLab hat kein selbst gehostetes Modell namens %1 oder mit diesem Endpunkt; vorhanden sind: %2.</translation>
    </message>
    <message>
        <source>%1: %2 here, %3 in GitLab</source>
        <translation>%1: %2 hier, %3 in GitLab</translation>
    </message>
    <message>
        <source>GitLab's model %1 differs from this setup: %2.</source>
        <translation>GitLabs Modell %1 weicht von dieser Einrichtung ab: %2.</translation>
    </message>
    <message>
        <source>GitLab's model %1 has no API key, but this setup uses one.</source>
        <translation>GitLabs Modell %1 hat keinen API-Schlüssel, diese Einrichtung verwendet aber einen.</translation>
    </message>
    <message>
        <source>GitLab's model %1 matches this setup (name, family, endpoint, identifier).</source>
        <translation>GitLabs Modell %1 passt zu dieser Einrichtung (Name, Familie, Endpunkt, Bezeichner).</translation>
    </message>
    <message>
        <source>GitLab %1 has no GitLab Duo Agent Platform settings (they came with GitLab 18.4): nothing to check.</source>
        <translation>GitLab %1 hat keine Einstellungen für die GitLab Duo Agent Platform (sie kamen mit GitLab 18.4): nichts zu prüfen.</translation>
    </message>
    <message>
        <source>(version unknown)</source>
        <translation>(Version unbekannt)</translation>
    </message>
    <message>
        <source>self-hosted model</source>
        <translation>selbst gehostetes Modell</translation>
    </message>
    <message>
        <source>GitLab-managed</source>
        <translation>von GitLab verwaltet</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>deaktiviert</translation>
    </message>
    <message>
        <source>no model</source>
        <translation>kein Modell</translation>
    </message>
    <message>
        <source>Features by provider: %1.</source>
        <translation>Funktionen nach Anbieter: %1.</translation>
    </message>
    <message>
        <source>GitLab-managed features (%1) are sent to GitLab&apos;s cloud AI gateway: GitLab needs internet access and an online license (cloud licensing) for them; an offline license cannot use them.</source>
        <translation>Von GitLab verwaltete Funktionen (%1) gehen an GitLabs AI-Gateway in der Cloud: GitLab braucht dafür Internetzugang und eine Online-Lizenz (Cloud Licensing); mit einer Offline-Lizenz funktionieren sie nicht.</translation>
    </message>
    <message>
        <source>Not configured: GitLab has no Agent Platform service address.</source>
        <translation>Nicht konfiguriert: GitLab hat keine Adresse für den Agent-Platform-Dienst.</translation>
    </message>
    <message>
        <source>Not configured in GitLab; the service checks use the address given here, %1.</source>
        <translation>In GitLab nicht konfiguriert; die Dienst-Prüfungen verwenden die hier angegebene Adresse, %1.</translation>
    </message>
    <message>
        <source>Not configured, yet %1 are routed to a self-hosted model.</source>
        <translation>Nicht konfiguriert, obwohl %1 an ein selbst gehostetes Modell geleitet werden.</translation>
    </message>
    <message>
        <source>GitLab&apos;s Agent Platform service address %1 has a scheme; GitLab expects HOST:PORT: %2.</source>
        <translation>Die Adresse des Agent-Platform-Dienstes in GitLab, %1, hat ein Schema; GitLab erwartet HOST:PORT: %2.</translation>
    </message>
    <message>
        <source>GitLab&apos;s Agent Platform service address %1 is not HOST:PORT.</source>
        <translation>Die Adresse des Agent-Platform-Dienstes in GitLab, %1, ist nicht HOST:PORT.</translation>
    </message>
    <message>
        <source>GitLab&apos;s Agent Platform service address is %1.</source>
        <translation>Die Adresse des Agent-Platform-Dienstes in GitLab ist %1.</translation>
    </message>
    <message>
        <source>GitLab&apos;s Agent Platform service address is %1; the service checks use the address given here, %2.</source>
        <translation>Die Adresse des Agent-Platform-Dienstes in GitLab ist %1; die Dienst-Prüfungen verwenden die hier angegebene Adresse, %2.</translation>
    </message>
    <message>
        <source>An online runner tagged gitlab--duo is ready (%1 tagged; GitLab&apos;s REST API does not name executors: make sure it is Docker or Kubernetes).</source>
        <translation>Ein Runner mit dem Tag gitlab--duo ist online und bereit (%1 mit dem Tag; GitLabs REST-API nennt keine Executors: stellen Sie sicher, dass es Docker oder Kubernetes ist).</translation>
    </message>
    <message>
        <source>An online runner tagged gitlab--duo with the %1 executor is ready for flows (%2 tagged).</source>
        <translation>Ein Runner mit dem Tag gitlab--duo und dem Executor %1 ist online und bereit für Flows (%2 mit dem Tag).</translation>
    </message>
    <message>
        <source>No runner is tagged gitlab--duo.</source>
        <translation>Kein Runner hat das Tag gitlab--duo.</translation>
    </message>
    <message>
        <source>No runner tagged gitlab--duo is online and unpaused (%1 tagged).</source>
        <translation>Kein Runner mit dem Tag gitlab--duo ist online und nicht pausiert (%1 mit dem Tag).</translation>
    </message>
    <message>
        <source>The runners tagged gitlab--duo use the %1 executor, not Docker or Kubernetes.</source>
        <translation>Die Runner mit dem Tag gitlab--duo verwenden den Executor %1, nicht Docker oder Kubernetes.</translation>
    </message>
    <message>
        <source>GitLab refused to list its runners: it needs an administrator&apos;s token.</source>
        <translation>GitLab hat seine Runner nicht aufgelistet: dafür braucht es das Token eines Administrators.</translation>
    </message>
    <message>
        <source>From GET /api/v4/runners/all?tag_list=gitlab--duo (GraphQL could not list them).</source>
        <translation>Aus GET /api/v4/runners/all?tag_list=gitlab--duo (GraphQL konnte sie nicht auflisten).</translation>
    </message>
    <message>
        <source>GitLab has no Agent Platform service address: flows cannot run, so their runner is not checked.</source>
        <translation>GitLab hat keine Adresse für den Agent-Platform-Dienst: Flows können nicht laufen, deshalb wird ihr Runner nicht geprüft.</translation>
    </message>
    <message>
        <source>GitLab does not list its feature routing to this token or version; see Admin &gt; GitLab Duo &gt; Self-hosted models &gt; AI-native features.</source>
        <translation>GitLab zeigt die Zuordnung seiner Funktionen für dieses Token oder diese Version nicht; siehe Admin &gt; GitLab Duo &gt; Self-hosted models &gt; AI-native features.</translation>
    </message>
    <message>
        <source>%1 have no model, while an Agent Platform service is configured.</source>
        <translation>%1 haben kein Modell, obwohl ein Agent-Platform-Dienst konfiguriert ist.</translation>
    </message>
    <message>
        <source>GitLab&apos;s own Agent Platform probe: %1</source>
        <translation>GitLabs eigene Probe des Agent-Platform-Dienstes: %1</translation>
    </message>
</context>
<context>
    <name>duo::HtmlReport</name>
    <message>
        <source>pass</source>
        <translation>bestanden</translation>
    </message>
    <message>
        <source>fail</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>übersprungen</translation>
    </message>
    <message>
        <source>needs you</source>
        <translation>braucht Sie</translation>
    </message>
    <message>
        <source>from the desktop</source>
        <translation>vom Rechner aus</translation>
    </message>
    <message>
        <source>through GitLab</source>
        <translation>über GitLab</translation>
    </message>
    <message>
        <source>through the gateway</source>
        <translation>über das Gateway</translation>
    </message>
    <message>
        <source>manual step</source>
        <translation>manueller Schritt</translation>
    </message>
    <message>
        <source>Duo Doctor report</source>
        <translation>Duo-Doctor-Bericht</translation>
    </message>
    <message>
        <source>GitLab Duo with self-hosted models · %1 · %2 ms</source>
        <translation>GitLab Duo mit selbst gehosteten Modellen · %1 · %2 ms</translation>
    </message>
    <message>
        <source>Healthy: no check failed</source>
        <translation>Gesund: keine Prüfung fehlgeschlagen</translation>
    </message>
    <message>
        <source>%1 passed, %2 warnings, %3 skipped, %4 manual steps to confirm by hand.</source>
        <translation>%1 bestanden, %2 Warnungen, %3 übersprungen, %4 manuelle Schritte zur Bestätigung von Hand.</translation>
    </message>
    <message>
        <source>1 problem found</source>
        <translation>1 Problem gefunden</translation>
    </message>
    <message>
        <source>%1 problems found</source>
        <translation>%1 Probleme gefunden</translation>
    </message>
    <message>
        <source>Most likely: %1. %2 checks failed, %3 passed.</source>
        <translation>Am wahrscheinlichsten: %1. %2 Prüfungen fehlgeschlagen, %3 bestanden.</translation>
    </message>
    <message>
        <source>The run was cancelled: unfinished checks are marked skipped.</source>
        <translation>Der Lauf wurde abgebrochen: unfertige Prüfungen sind als übersprungen markiert.</translation>
    </message>
    <message>
        <source>What was checked</source>
        <translation>Was geprüft wurde</translation>
    </message>
    <message>
        <source>GitLab</source>
        <translation>GitLab</translation>
    </message>
    <message>
        <source>GitLab version</source>
        <translation>GitLab-Version</translation>
    </message>
    <message>
        <source>Expected gateway image</source>
        <translation>Erwartetes Gateway-Image</translation>
    </message>
    <message>
        <source>AI gateway</source>
        <translation>AI Gateway</translation>
    </message>
    <message>
        <source>Model name (family)</source>
        <translation>Modellname (Familie)</translation>
    </message>
    <message>
        <source>Model endpoint</source>
        <translation>Modell-Endpunkt</translation>
    </message>
    <message>
        <source>Model identifier</source>
        <translation>Modellbezeichner</translation>
    </message>
    <message>
        <source>Name in GitLab</source>
        <translation>Name in GitLab</translation>
    </message>
    <message>
        <source>Model server</source>
        <translation>Modellserver</translation>
    </message>
    <message>
        <source>Secrets</source>
        <translation>Geheimnisse</translation>
    </message>
    <message>
        <source>GitLab token %1, model key %2 — never shown in this report</source>
        <translation>GitLab-Token %1, Modellschlüssel %2 — nie in diesem Bericht gezeigt</translation>
    </message>
    <message>
        <source>not given</source>
        <translation>nicht angegeben</translation>
    </message>
    <message>
        <source>given</source>
        <translation>angegeben</translation>
    </message>
    <message>
        <source>Pinned certificates</source>
        <translation>Angeheftete Zertifikate</translation>
    </message>
    <message>
        <source>Extra CA file</source>
        <translation>Zusätzliche CA-Datei</translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation>Proxy</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keiner</translation>
    </message>
    <message>
        <source>from the environment</source>
        <translation>aus der Umgebung</translation>
    </message>
    <message>
        <source>Root causes</source>
        <translation>Ursachen</translation>
    </message>
    <message>
        <source>None: no check failed.</source>
        <translation>Keine: keine Prüfung fehlgeschlagen.</translation>
    </message>
    <message>
        <source>Fix:</source>
        <translation>Behebung:</translation>
    </message>
    <message>
        <source>Explains:</source>
        <translation>Erklärt:</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Pasted output (redacted)</source>
        <translation>Eingefügte Ausgabe (geschwärzt)</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>Written by duo-doctor %1. Known secrets and anything shaped like a token are redacted.</source>
        <translation>Erstellt von duo-doctor %1. Bekannte Geheimnisse und alles, was wie ein Token aussieht, sind geschwärzt.</translation>
    </message>
    <message>
        <source>Agent Platform service</source>
        <translation>Agent-Platform-Dienst</translation>
    </message>
    <message numerus="yes">
        <source>%n passed</source>
        <translation>
            <numerusform>%n bestanden</numerusform>
            <numerusform>%n bestanden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n Warnung</numerusform>
            <numerusform>%n Warnungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n skipped</source>
        <translation>
            <numerusform>%n übersprungen</numerusform>
            <numerusform>%n übersprungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n manual step(s) to confirm by hand</source>
        <translation>
            <numerusform>%n manueller Schritt zum Bestätigen</numerusform>
            <numerusform>%n manuelle Schritte zum Bestätigen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>duo::HttpClient</name>
    <message>
        <source>no complete answer within %1 s</source>
        <translation>keine vollständige Antwort innerhalb von %1 s</translation>
    </message>
    <message>
        <source>the answer is larger than %1 bytes</source>
        <translation>die Antwort ist größer als %1 Bytes</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>redirected to another server (%1); not followed</source>
        <translation>auf einen anderen Server umgeleitet (%1); nicht gefolgt</translation>
    </message>
    <message>
        <source>more than %1 redirects (a redirect loop?)</source>
        <translation>mehr als %1 Umleitungen (eine Umleitungsschleife?)</translation>
    </message>
    <message>
        <source>no PEM certificate in %1</source>
        <translation>kein PEM-Zertifikat in %1</translation>
    </message>
    <message>
        <source>cannot connect to the proxy %1: %2</source>
        <translation>keine Verbindung zum Proxy %1: %2</translation>
    </message>
    <message>
        <source>the proxy %1 answered HTTP %2 %3</source>
        <translation>der Proxy %1 hat mit HTTP %2 %3 geantwortet</translation>
    </message>
    <message>
        <source>the proxy %1 answered HTTP %2</source>
        <translation>der Proxy %1 hat mit HTTP %2 geantwortet</translation>
    </message>
</context>
<context>
    <name>duo::InputValidation</name>
    <message>
        <source>Remove the page path (%1): enter GitLab's base URL, e.g. https://gitlab.example.com.</source>
        <translation>Entfernen Sie den Seitenpfad (%1): geben Sie GitLabs Basis-URL ein, z. B. https://gitlab.example.com.</translation>
    </message>
    <message>
        <source>Remove the path (%1): enter the gateway's base URL, e.g. http://aigw.example.com:5052.</source>
        <translation>Entfernen Sie den Pfad (%1): geben Sie die Basis-URL des Gateways ein, z. B. http://aigw.example.com:5052.</translation>
    </message>
    <message>
        <source>Remove %1 from the end: the endpoint is the API base, e.g. http://vllm.example.com:8000/v1.</source>
        <translation>Entfernen Sie %1 am Ende: der Endpunkt ist die API-Basis, z. B. http://vllm.example.com:8000/v1.</translation>
    </message>
    <message>
        <source>GitLab URL</source>
        <translation>GitLab-URL</translation>
    </message>
    <message>
        <source>AI gateway URL</source>
        <translation>AI-Gateway-URL</translation>
    </message>
    <message>
        <source>model endpoint</source>
        <translation>Modell-Endpunkt</translation>
    </message>
    <message>
        <source>Enter a URL.</source>
        <translation>Geben Sie eine URL ein.</translation>
    </message>
    <message>
        <source>Remove the spaces inside the URL.</source>
        <translation>Entfernen Sie die Leerzeichen in der URL.</translation>
    </message>
    <message>
        <source>Start with http:// or https://.</source>
        <translation>Beginnen Sie mit http:// oder https://.</translation>
    </message>
    <message>
        <source>This is not a valid URL: %1.</source>
        <translation>Das ist keine gültige URL: %1.</translation>
    </message>
    <message>
        <source>Use http:// or https://, not %1://.</source>
        <translation>Verwenden Sie http:// oder https://, nicht %1://.</translation>
    </message>
    <message>
        <source>Add the host name after %1://.</source>
        <translation>Ergänzen Sie den Hostnamen nach %1://.</translation>
    </message>
    <message>
        <source>Remove the user name or password from the URL; credentials go in their own field.</source>
        <translation>Entfernen Sie Benutzername oder Passwort aus der URL; Zugangsdaten gehören in ihr eigenes Feld.</translation>
    </message>
    <message>
        <source>Remove the part after ? or #.</source>
        <translation>Entfernen Sie den Teil nach ? oder #.</translation>
    </message>
    <message>
        <source>Enter HOST:PORT, e.g. aigw.example.com:50052.</source>
        <translation>Geben Sie HOST:PORT ein, z. B. aigw.example.com:50052.</translation>
    </message>
    <message>
        <source>Remove %1: the Agent Platform service address is HOST:PORT without a scheme, e.g. aigw.example.com:50052.</source>
        <translation>Entfernen Sie %1: Die Adresse des Agent-Platform-Dienstes ist HOST:PORT ohne Schema, z. B. aigw.example.com:50052.</translation>
    </message>
    <message>
        <source>Expected HOST:PORT with a port between 1 and 65535, e.g. aigw.example.com:50052.</source>
        <translation>Erwartet wird HOST:PORT mit einem Port zwischen 1 und 65535, z. B. aigw.example.com:50052.</translation>
    </message>
    <message>
        <source>This is %1 characters long; a URL here has at most %2.</source>
        <translation>Das sind %1 Zeichen; eine URL hat hier höchstens %2.</translation>
    </message>
    <message>
        <source>The port after the host must be a number from 1 to 65535, not “%1”.</source>
        <translation>Der Port nach dem Host muss eine Zahl von 1 bis 65535 sein, nicht „%1“.</translation>
    </message>
</context>
<context>
    <name>duo::JUnitReport</name>
    <message>
        <source>Root cause: %1. Fix: %2</source>
        <translation>Ursache: %1. Behebung: %2</translation>
    </message>
    <message>
        <source>Follows from the root cause %1 (%2): %3</source>
        <translation>Folgt aus der Ursache %1 (%2): %3</translation>
    </message>
    <message>
        <source>Fix: %1</source>
        <translation>Behebung: %1</translation>
    </message>
    <message>
        <source>Manual step: %1</source>
        <translation>Manueller Schritt: %1</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>Warnung: %1</translation>
    </message>
</context>
<context>
    <name>duo::LogAnalyzer</name>
    <message>
        <source>No known failure found (%1 lines read).</source>
        <translation>Kein bekannter Fehler gefunden (%1 Zeilen gelesen).</translation>
    </message>
    <message>
        <source>Only the beginning of the text was read.</source>
        <translation>Nur der Anfang des Textes wurde gelesen.</translation>
    </message>
    <message>
        <source>Known failures found: %1 (%2 lines read)</source>
        <translation>Bekannte Fehler gefunden: %1 (%2 Zeilen gelesen)</translation>
    </message>
    <message>
        <source>line %1 (%2): %3</source>
        <translation>Zeile %1 (%2): %3</translation>
    </message>
    <message>
        <source>Fix: %1</source>
        <translation>Behebung: %1</translation>
    </message>
    <message>
        <source>line %1</source>
        <translation>Zeile %1</translation>
    </message>
    <message>
        <source>(%1 more lines of this request not shown)</source>
        <translation>(%1 weitere Zeilen dieser Anfrage nicht angezeigt)</translation>
    </message>
    <message>
        <source>The newest %1 are listed.</source>
        <translation>Die neuesten %1 sind aufgeführt.</translation>
    </message>
    <message>
        <source>Requests with a failure: %1 (the newest %2, their lines from every file in time order; ? marks a time read as UTC)</source>
        <translation>Anfragen mit einem Fehler: %1 (die neuesten %2, ihre Zeilen aus allen Dateien in zeitlicher Reihenfolge; ? markiert eine als UTC gelesene Zeit)</translation>
    </message>
    <message>
        <source>request %1</source>
        <translation>Anfrage %1</translation>
    </message>
    <message>
        <source>Cancelled: only part of the input was read.</source>
        <translation>Abgebrochen: Nur ein Teil der Eingabe wurde gelesen.</translation>
    </message>
    <message>
        <source>Log analysis</source>
        <translation>Protokollanalyse</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Wo</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Anfrage</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>Befund</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Anfragen</translation>
    </message>
    <message>
        <source>request</source>
        <translation>Anfrage</translation>
    </message>
</context>
<context>
    <name>duo::ManualChecks</name>
    <message>
        <source>Rails console (sudo gitlab-rails console). Turn it on before you reproduce the problem; llm.log then records GitLab's requests to the gateway. Turn it off again afterwards: it logs prompts and answers.</source>
        <translation>Rails-Konsole (sudo gitlab-rails console). Schalten Sie es ein, bevor Sie das Problem nachstellen; llm.log zeichnet dann GitLabs Anfragen an das Gateway auf. Danach wieder ausschalten: es protokolliert Prompts und Antworten.</translation>
    </message>
    <message>
        <source>Run the command in the Rails console as an administrator; it prints true when the flag is on.</source>
        <translation>Führen Sie den Befehl in der Rails-Konsole als Administrator aus; er gibt true aus, wenn das Flag an ist.</translation>
    </message>
    <message>
        <source>On the GitLab server. Paste the whole output: each ✔, ⚠ and ✗ line becomes a result.</source>
        <translation>Auf dem GitLab-Server. Fügen Sie die ganze Ausgabe ein: jede ✔-, ⚠- und ✗-Zeile wird ein Ergebnis.</translation>
    </message>
    <message>
        <source>The first ✗ line names the broken step; the matching automatic check above has the fix.</source>
        <translation>Die erste ✗-Zeile nennt den defekten Schritt; die passende automatische Prüfung oben hat die Behebung.</translation>
    </message>
    <message>
        <source>In the AI gateway container (newer images: poetry run troubleshoot). Paste the whole output.</source>
        <translation>Im AI-Gateway-Container (neuere Images: poetry run troubleshoot). Fügen Sie die ganze Ausgabe ein.</translation>
    </message>
    <message>
        <source>Set the variables the script names when recreating the container, and compare the model request with gateway.model_request.</source>
        <translation>Setzen Sie die Variablen, die das Skript nennt, beim Neuerstellen des Containers und vergleichen Sie die Modellanfrage mit gateway.model_request.</translation>
    </message>
    <message>
        <source>Rails console. Paste what it prints.</source>
        <translation>Rails-Konsole. Fügen Sie ein, was sie ausgibt.</translation>
    </message>
    <message>
        <source>Set GitLab's AI gateway URL to {gateway_url} (Admin &gt; GitLab Duo, or AI_GATEWAY_URL before 17.9), then reconfigure.</source>
        <translation>Setzen Sie GitLabs AI-Gateway-URL auf {gateway_url} (Admin &gt; GitLab Duo, oder AI_GATEWAY_URL vor 17.9), dann reconfigure.</translation>
    </message>
    <message>
        <source>Rails console. Paste what it prints (200 when GitLab reaches the gateway).</source>
        <translation>Rails-Konsole. Fügen Sie ein, was sie ausgibt (200, wenn GitLab das Gateway erreicht).</translation>
    </message>
    <message>
        <source>GitLab's host cannot reach {gateway_url}: check the firewall, DNS, proxy variables (no_proxy) and the outbound request allow-list.</source>
        <translation>Der GitLab-Host erreicht {gateway_url} nicht: prüfen Sie Firewall, DNS, Proxy-Variablen (no_proxy) und die Ausnahmeliste für ausgehende Anfragen.</translation>
    </message>
    <message>
        <source>Rails console; put the model's key where &lt;your-model-api-key&gt; stands. Paste what it prints (a "response"=&gt; hash when it works).</source>
        <translation>Rails-Konsole; setzen Sie den Schlüssel des Modells anstelle von &lt;your-model-api-key&gt; ein. Fügen Sie ein, was sie ausgibt (ein "response"=&gt;-Hash, wenn es funktioniert).</translation>
    </message>
    <message>
        <source>See which automatic check fails on the same path: user access, the AI gateway URL, GitLab's probe of the gateway, or the gateway's request to the model.</source>
        <translation>Sehen Sie nach, welche automatische Prüfung auf demselben Weg fehlschlägt: Benutzerzugang, AI-Gateway-URL, GitLabs Probe des Gateways oder die Anfrage des Gateways an das Modell.</translation>
    </message>
    <message>
        <source>Assign {gitlab_username} a GitLab Duo seat, check the license and that Code Suggestions use the self-hosted model.</source>
        <translation>Weisen Sie {gitlab_username} einen GitLab-Duo-Platz zu, prüfen Sie die Lizenz und dass Code Suggestions das selbst gehostete Modell verwenden.</translation>
    </message>
    <message>
        <source>Shell in the AI gateway container. Both lines must be true.</source>
        <translation>Shell im AI-Gateway-Container. Beide Zeilen müssen true sein.</translation>
    </message>
    <message>
        <source>Recreate the gateway container with -e AIGW_AUTH__BYPASS_EXTERNAL=true -e AIGW_CUSTOM_MODELS__ENABLED=true.</source>
        <translation>Erstellen Sie den Gateway-Container mit -e AIGW_AUTH__BYPASS_EXTERNAL=true -e AIGW_CUSTOM_MODELS__ENABLED=true neu.</translation>
    </message>
    <message>
        <source>Shell access to the AI gateway container. Paste the status code it prints.</source>
        <translation>Shell-Zugang zum AI-Gateway-Container. Fügen Sie den ausgegebenen Statuscode ein.</translation>
    </message>
    <message>
        <source>The gateway is not installed correctly: read its log and reinstall it with the image matching GitLab.</source>
        <translation>Das Gateway ist nicht richtig installiert: lesen Sie sein Protokoll und installieren Sie es mit dem zu GitLab passenden Image neu.</translation>
    </message>
    <message>
        <source>Shell access to the AI gateway container; put the model's key where &lt;your-model-api-key&gt; stands. Paste the answer.</source>
        <translation>Shell-Zugang zum AI-Gateway-Container; setzen Sie den Schlüssel des Modells anstelle von &lt;your-model-api-key&gt; ein. Fügen Sie die Antwort ein.</translation>
    </message>
    <message>
        <source>Check the gateway's variables (manual.aigw_env), the model name and endpoint, and whether the model is reachable from the container (manual.model_from_gateway).</source>
        <translation>Prüfen Sie die Variablen des Gateways (manual.aigw_env), Modellname und Endpunkt, und ob das Modell aus dem Container erreichbar ist (manual.model_from_gateway).</translation>
    </message>
    <message>
        <source>The container cannot reach {model_endpoint}: if the endpoint names localhost, run the gateway with --network host; otherwise ask your network administrator to open the way from the container to {model_host}:{model_port}.</source>
        <translation>Der Container erreicht {model_endpoint} nicht: nennt der Endpunkt localhost, starten Sie das Gateway mit --network host; sonst bitten Sie Ihre Netzwerkadministration, den Weg vom Container zu {model_host}:{model_port} zu öffnen.</translation>
    </message>
    <message>
        <source>Where you start the gateway container. Paste the output of docker run when it fails.</source>
        <translation>Dort, wo Sie den Gateway-Container starten. Fügen Sie die Ausgabe von docker run ein, wenn es fehlschlägt.</translation>
    </message>
    <message>
        <source>Add --platform linux/amd64 to the docker run command.</source>
        <translation>Ergänzen Sie --platform linux/amd64 im docker-run-Befehl.</translation>
    </message>
    <message>
        <source>No instructions for this step.</source>
        <translation>Keine Anleitung für diesen Schritt.</translation>
    </message>
    <message>
        <source>Needs you: run the command where it says and paste its output.</source>
        <translation>Braucht Sie: führen Sie den Befehl dort aus, wo angegeben, und fügen Sie seine Ausgabe ein.</translation>
    </message>
    <message>
        <source>The pasted container probe output could not be read: %1.</source>
        <translation>Die eingefügte Ausgabe der Container-Probe ließ sich nicht lesen: %1.</translation>
    </message>
    <message>
        <source>The container has neither curl nor python3, so the probe could not ask anything: run the commands by hand.</source>
        <translation>Der Container hat weder curl noch python3, daher konnte die Probe nichts abfragen: führen Sie die Befehle von Hand aus.</translation>
    </message>
    <message>
        <source>The container probe does not answer this step: run the command by hand.</source>
        <translation>Die Container-Probe beantwortet diesen Schritt nicht: führen Sie den Befehl von Hand aus.</translation>
    </message>
    <message>
        <source>The pasted output is longer than %1 MB: only its first %1 MB were judged.</source>
        <translation>Die eingefügte Ausgabe ist länger als %1 MB: nur ihre ersten %1 MB wurden ausgewertet.</translation>
    </message>
    <message>
        <source>On the GitLab server, with the full path of a project where Agent Platform flows (Code Review, say) should run in place of &lt;group/project&gt;. Paste the whole output: each ✔, ⚠ and ✗ line becomes a result.</source>
        <translation>Auf dem GitLab-Server, mit dem vollständigen Pfad eines Projekts, in dem Agent-Platform-Flows (etwa Code Review) laufen sollen, anstelle von &lt;group/project&gt;. Fügen Sie die ganze Ausgabe ein: jede ✔-, ⚠- und ✗-Zeile wird zu einem Ergebnis.</translation>
    </message>
    <message>
        <source>The first ✗ line names the setting that stops the Agent Platform for this project: turn it on where the line says (license, Admin &gt; GitLab Duo, the group&apos;s or the project&apos;s GitLab Duo settings), then run the check again.</source>
        <translation>Die erste ✗-Zeile nennt die Einstellung, die die Agent Platform für dieses Projekt aufhält: schalten Sie sie dort ein, wo die Zeile es sagt (Lizenz, Admin &gt; GitLab Duo, GitLab-Duo-Einstellungen der Gruppe oder des Projekts), und prüfen Sie erneut.</translation>
    </message>
    <message>
        <source>A proxy or load balancer in front of GitLab does not pass the WebSocket upgrade of /api/v4/ai/duo_workflows/ws: forward Upgrade and Connection (nginx: proxy_http_version 1.1; proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection &quot;upgrade&quot;;) and let GitLab reach its own external URL {gitlab_url}.</source>
        <translation>Ein Proxy oder Load Balancer vor GitLab reicht das WebSocket-Upgrade von /api/v4/ai/duo_workflows/ws nicht durch: leiten Sie Upgrade und Connection weiter (nginx: proxy_http_version 1.1; proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection &quot;upgrade&quot;;) und lassen Sie GitLab seine eigene externe URL {gitlab_url} erreichen.</translation>
    </message>
    <message>
        <source>GitLab refused the Agent Platform session: give {gitlab_username} a GitLab Duo seat, turn the Agent Platform on (Admin &gt; GitLab Duo), and check that no proxy strips cookies or the Authorization header.</source>
        <translation>GitLab hat die Agent-Platform-Sitzung abgelehnt: geben Sie {gitlab_username} einen GitLab-Duo-Platz, schalten Sie die Agent Platform ein (Admin &gt; GitLab Duo) und prüfen Sie, dass kein Proxy Cookies oder den Authorization-Header entfernt.</translation>
    </message>
    <message>
        <source>GitLab cannot reach the Agent Platform service: its address (Admin &gt; GitLab Duo) must be host:port without http://, &quot;Use TLS for Duo Agent Platform service&quot; must match the service&apos;s DUO_WORKFLOW_TLS__ENABLED, and port 50052 of the gateway host must be open to GitLab.</source>
        <translation>GitLab erreicht den Agent-Platform-Dienst nicht: seine Adresse (Admin &gt; GitLab Duo) muss host:port ohne http:// sein, „Use TLS for Duo Agent Platform service“ muss zu DUO_WORKFLOW_TLS__ENABLED des Dienstes passen, und Port 50052 des Gateway-Hosts muss für GitLab offen sein.</translation>
    </message>
    <message>
        <source>No Agent Platform service address is set: if you use Agentic Chat or flows, enter the gateway host and port 50052 as host:port (no http://) under Admin &gt; GitLab Duo &gt; Change configuration; otherwise this warning does no harm.</source>
        <translation>Keine Adresse des Agent-Platform-Dienstes gesetzt: wenn Sie Agentic Chat oder Flows nutzen, tragen Sie Gateway-Host und Port 50052 als host:port (ohne http://) unter Admin &gt; GitLab Duo &gt; Change configuration ein; sonst ist diese Warnung harmlos.</translation>
    </message>
    <message>
        <source>No feature uses a self-hosted model yet: assign one to each feature under Admin &gt; GitLab Duo Self-Hosted &gt; Features (Agent Platform features need their own).</source>
        <translation>Noch keine Funktion verwendet ein selbst gehostetes Modell: weisen Sie jeder Funktion eines zu unter Admin &gt; GitLab Duo Self-Hosted &gt; Features (Agent-Platform-Funktionen brauchen ihr eigenes).</translation>
    </message>
    <message>
        <source>This GitLab has no gitlab:duo:verify_setup task (it came with 19.0): on 18.8 to 18.11 run the downloaded verify_setup.rb with gitlab-rails runner (the commands above); older releases have no such check.</source>
        <translation>Dieses GitLab hat keine Aufgabe gitlab:duo:verify_setup (sie kam mit 19.0): unter 18.8 bis 18.11 führen Sie das heruntergeladene verify_setup.rb mit gitlab-rails runner aus (die Befehle oben); ältere Versionen haben keine solche Prüfung.</translation>
    </message>
    <message>
        <source>Register a runner for the whole instance or the top-level group, tagged gitlab--duo, with the Docker or Kubernetes executor; project runners cannot run Agent Platform flows.</source>
        <translation>Registrieren Sie einen Runner für die ganze Instanz oder die oberste Gruppe, mit dem Tag gitlab--duo und dem Docker- oder Kubernetes-Executor; Projekt-Runner können keine Agent-Platform-Flows ausführen.</translation>
    </message>
    <message>
        <source>Use the project&apos;s full path as GitLab shows it (group/subgroup/project) between the brackets.</source>
        <translation>Setzen Sie den vollständigen Pfad des Projekts, wie GitLab ihn zeigt (gruppe/untergruppe/projekt), zwischen die eckigen Klammern.</translation>
    </message>
</context>
<context>
    <name>duo::ManualJudge</name>
    <message>
        <source>The output reports a failure: %1</source>
        <translation>Die Ausgabe meldet einen Fehler: %1</translation>
    </message>
    <message>
        <source>The output reports a warning: %1</source>
        <translation>Die Ausgabe meldet eine Warnung: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n step(s) passed.</source>
        <translation>
            <numerusform>%n Schritt bestanden.</numerusform>
            <numerusform>%n Schritte bestanden.</numerusform>
        </translation>
    </message>
    <message>
        <source>No ✔, ⚠ or ✗ line recognised: is this the whole output?</source>
        <translation>Keine ✔-, ⚠- oder ✗-Zeile erkannt: ist das die ganze Ausgabe?</translation>
    </message>
    <message>
        <source>Both variables are true.</source>
        <translation>Beide Variablen sind true.</translation>
    </message>
    <message>
        <source>Expected two lines "true", got: %1</source>
        <translation>Zwei Zeilen „true“ erwartet, erhalten: %1</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>nichts</translation>
    </message>
    <message>
        <source>The output shows it works.</source>
        <translation>Die Ausgabe zeigt, dass es funktioniert.</translation>
    </message>
    <message>
        <source>The output is not what this step expects; check it by hand.</source>
        <translation>Die Ausgabe ist nicht, was dieser Schritt erwartet; prüfen Sie sie von Hand.</translation>
    </message>
    <message>
        <source>The output shows a failure: “%1”</source>
        <translation>Die Ausgabe zeigt einen Fehler: „%1“</translation>
    </message>
</context>
<context>
    <name>duo::MarkdownReport</name>
    <message>
        <source>no check failed</source>
        <translation>keine Prüfung fehlgeschlagen</translation>
    </message>
    <message>
        <source>1 problem</source>
        <translation>1 Problem</translation>
    </message>
    <message>
        <source>%1 problems</source>
        <translation>%1 Probleme</translation>
    </message>
    <message>
        <source>, most likely: %1</source>
        <translation>, am wahrscheinlichsten: %1</translation>
    </message>
    <message>
        <source>GitLab</source>
        <translation>GitLab</translation>
    </message>
    <message>
        <source>AI gateway</source>
        <translation>AI Gateway</translation>
    </message>
    <message>
        <source>Expected gateway image tag</source>
        <translation>Erwartetes Gateway-Image-Tag</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Model server</source>
        <translation>Modellserver</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>%1 passed, %2 failed, %3 warnings, %4 skipped, %5 manual</source>
        <translation>%1 bestanden, %2 fehlgeschlagen, %3 Warnungen, %4 übersprungen, %5 manuell</translation>
    </message>
    <message>
        <source>Fix:</source>
        <translation>Behebung:</translation>
    </message>
    <message>
        <source>Commands</source>
        <translation>Befehle</translation>
    </message>
    <message>
        <source>Explains:</source>
        <translation>Erklärt:</translation>
    </message>
    <message>
        <source>All %1 checks</source>
        <translation>Alle %1 Prüfungen</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <source>Pasted outputs (redacted)</source>
        <translation>Eingefügte Ausgaben (geschwärzt)</translation>
    </message>
    <message>
        <source>Agent Platform service</source>
        <translation>Agent-Platform-Dienst</translation>
    </message>
</context>
<context>
    <name>duo::ModelChecks</name>
    <message>
        <source>No model endpoint given: model checks are skipped.</source>
        <translation>Kein Modell-Endpunkt angegeben: Modellprüfungen werden übersprungen.</translation>
    </message>
    <message>
        <source>GET %1 from this desktop: %2</source>
        <translation>GET %1 von diesem Rechner: %2</translation>
    </message>
    <message>
        <source>The model server answered in %1 ms.</source>
        <translation>Der Modellserver hat in %1 ms geantwortet.</translation>
    </message>
    <message>
        <source>The model server did not answer: %1</source>
        <translation>Der Modellserver hat nicht geantwortet: %1</translation>
    </message>
    <message>
        <source>%1 does not resolve here; it may be a name only the gateway's network knows.</source>
        <translation>%1 wird hier nicht aufgelöst; es ist vielleicht ein Name, den nur das Netz des Gateways kennt.</translation>
    </message>
    <message>
        <source>Recognised by %1</source>
        <translation>Erkannt an %1</translation>
    </message>
    <message>
        <source>Could not tell which model server this is.</source>
        <translation>Es ließ sich nicht erkennen, welcher Modellserver das ist.</translation>
    </message>
    <message>
        <source>The model server is %1.</source>
        <translation>Der Modellserver ist %1.</translation>
    </message>
    <message>
        <source>GET %1: %2</source>
        <translation>GET %1: %2</translation>
    </message>
    <message>
        <source>%1 answers with the OpenAI model list.</source>
        <translation>%1 antwortet mit der OpenAI-Modellliste.</translation>
    </message>
    <message>
        <source>%1 exists (it asks for a key; model.auth judges the key).</source>
        <translation>%1 existiert (es verlangt einen Schlüssel; model.auth beurteilt den Schlüssel).</translation>
    </message>
    <message>
        <source>The endpoint lacks /v1: use %1.</source>
        <translation>Dem Endpunkt fehlt /v1: verwenden Sie %1.</translation>
    </message>
    <message>
        <source>No OpenAI-compatible model list at this endpoint (HTTP %1).</source>
        <translation>Keine OpenAI-kompatible Modellliste an diesem Endpunkt (HTTP %1).</translation>
    </message>
    <message>
        <source>The model server accepts the key.</source>
        <translation>Der Modellserver akzeptiert den Schlüssel.</translation>
    </message>
    <message>
        <source>The model server needs no key.</source>
        <translation>Der Modellserver braucht keinen Schlüssel.</translation>
    </message>
    <message>
        <source>The model server rejected the key (HTTP %1).</source>
        <translation>Der Modellserver hat den Schlüssel abgelehnt (HTTP %1).</translation>
    </message>
    <message>
        <source>The model server needs a key and none was given (HTTP %1).</source>
        <translation>Der Modellserver braucht einen Schlüssel, und keiner wurde angegeben (HTTP %1).</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>nichts</translation>
    </message>
    <message>
        <source>The identifier lacks custom_openai/: use %1.</source>
        <translation>Dem Bezeichner fehlt custom_openai/: verwenden Sie %1.</translation>
    </message>
    <message>
        <source>%1 is not served; the server serves: %2.</source>
        <translation>%1 wird nicht bereitgestellt; der Server stellt bereit: %2.</translation>
    </message>
    <message>
        <source>The server serves %1.</source>
        <translation>Der Server stellt %1 bereit.</translation>
    </message>
    <message>
        <source>POST /chat/completions with max_tokens 1: %1</source>
        <translation>POST /chat/completions mit max_tokens 1: %1</translation>
    </message>
    <message>
        <source>The model generated a token in %1 ms.</source>
        <translation>Das Modell hat in %1 ms ein Token erzeugt.</translation>
    </message>
    <message>
        <source>HTTP %1: %2</source>
        <translation>HTTP %1: %2</translation>
    </message>
    <message>
        <source>%1 is the gateway container itself: this desktop reaches the model, the gateway does not.</source>
        <translation>%1 ist der Gateway-Container selbst: dieser Rechner erreicht das Modell, das Gateway nicht.</translation>
    </message>
    <message>
        <source>This desktop reaches %1, the gateway does not.</source>
        <translation>Dieser Rechner erreicht %1, das Gateway nicht.</translation>
    </message>
    <message>
        <source>The endpoint names the local host (%1): the gateway reaches it only when it runs on the host network.</source>
        <translation>Der Endpunkt nennt den lokalen Host (%1): das Gateway erreicht ihn nur, wenn es im Host-Netzwerk läuft.</translation>
    </message>
    <message>
        <source>The endpoint names the local host and the gateway reaches it (it shares the host's network).</source>
        <translation>Der Endpunkt nennt den lokalen Host, und das Gateway erreicht ihn (es teilt das Netzwerk des Hosts).</translation>
    </message>
    <message>
        <source>Cannot compare: this desktop does not reach the model either (see model.reachable).</source>
        <translation>Kein Vergleich möglich: auch dieser Rechner erreicht das Modell nicht (siehe model.reachable).</translation>
    </message>
    <message>
        <source>The endpoint names a host (%1), not the gateway's own container.</source>
        <translation>Der Endpunkt nennt einen Host (%1), nicht den Container des Gateways.</translation>
    </message>
    <message>
        <source>%1 answers, but not with an OpenAI model list.</source>
        <translation>%1 antwortet, aber nicht mit einer OpenAI-Modellliste.</translation>
    </message>
    <message>
        <source>The server does not list the model's context window (vLLM lists it as max_model_len); check the server's settings by hand.</source>
        <translation>Der Server nennt das Kontextfenster des Modells nicht (vLLM nennt es max_model_len); prüfen Sie die Einstellungen des Servers von Hand.</translation>
    </message>
    <message>
        <source>%1 has a context window of %2 tokens.</source>
        <translation>%1 hat ein Kontextfenster von %2 Token.</translation>
    </message>
    <message>
        <source>%1 has a context window of only %2 tokens.</source>
        <translation>%1 hat ein Kontextfenster von nur %2 Token.</translation>
    </message>
    <message>
        <source>POST /chat/completions with a code-generation prompt and max_tokens 256: %1</source>
        <translation>POST /chat/completions mit einem Codegenerierungs-Prompt und max_tokens 256: %1</translation>
    </message>
    <message>
        <source>1 token in %1 ms; a code answer (up to 256 tokens) in %2 ms, %3% of the %4 s GitLab waits.</source>
        <translation>1 Token in %1 ms; eine Codeantwort (bis zu 256 Token) in %2 ms, %3 % der %4 s, die GitLab wartet.</translation>
    </message>
    <message>
        <source>%1: no model endpoint given (--model-endpoint), model checks are skipped.</source>
        <translation>%1: Kein Modell-Endpunkt angegeben (--model-endpoint), die Modellprüfungen werden übersprungen.</translation>
    </message>
    <message>
        <source>The model server is Azure OpenAI.</source>
        <translation>Der Modellserver ist Azure OpenAI.</translation>
    </message>
    <message>
        <source>Azure lists models, not deployments: model.completion calls the deployment %1.</source>
        <translation>Azure listet Modelle, nicht Deployments: model.completion ruft das Deployment %1 auf.</translation>
    </message>
</context>
<context>
    <name>duo::Profile</name>
    <message>
        <source>written by a newer Duo Doctor (profile version %1; this one reads up to %2)</source>
        <translation>von einem neueren Duo Doctor geschrieben (Profilversion %1; dieser liest bis %2)</translation>
    </message>
    <message>
        <source>not a Duo Doctor profile (no "schema": "%1" with a known "version")</source>
        <translation>kein Duo-Doctor-Profil (kein "schema": "%1" mit bekannter "version")</translation>
    </message>
    <message>
        <source>the "id" or "name" field is missing</source>
        <translation>das Feld "id" oder "name" fehlt</translation>
    </message>
</context>
<context>
    <name>duo::ProfileStore</name>
    <message>
        <source>the file is larger than %1 bytes</source>
        <translation>die Datei ist größer als %1 Bytes</translation>
    </message>
    <message>
        <source>not valid JSON at byte %1: %2</source>
        <translation>kein gültiges JSON an Byte %1: %2</translation>
    </message>
    <message>
        <source>the file holds no JSON object</source>
        <translation>die Datei enthält kein JSON-Objekt</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>no profile named "%1"; there are no profiles in %2</source>
        <translation>kein Profil namens „%1“; in %2 gibt es keine Profile</translation>
    </message>
    <message>
        <source>no profile named "%1"; there are: %2</source>
        <translation>kein Profil namens „%1“; vorhanden sind: %2</translation>
    </message>
    <message>
        <source>cannot create %1</source>
        <translation>%1 kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>not included: enter the GitLab token and the model API key yourself</source>
        <translation>nicht enthalten: geben Sie das GitLab-Token und den API-Schlüssel des Modells selbst ein</translation>
    </message>
</context>
<context>
    <name>duo::ReportWriters</name>
    <message>
        <source>GitLab %1</source>
        <translation>GitLab %1</translation>
    </message>
    <message>
        <source>AI gateway %1</source>
        <translation>AI Gateway %1</translation>
    </message>
    <message>
        <source>model %1 at %2</source>
        <translation>Modell %1 unter %2</translation>
    </message>
    <message>
        <source>%1 passed, %2 failed, %3 warnings, %4 skipped, %5 manual</source>
        <translation>%1 bestanden, %2 fehlgeschlagen, %3 Warnungen, %4 übersprungen, %5 manuell</translation>
    </message>
    <message>
        <source>No check failed.</source>
        <translation>Keine Prüfung fehlgeschlagen.</translation>
    </message>
    <message>
        <source>Fix:</source>
        <translation>Behebung:</translation>
    </message>
    <message>
        <source>Duo Doctor</source>
        <translation>Duo Doctor</translation>
    </message>
    <message>
        <source>The run was cancelled; unfinished checks are marked skipped.</source>
        <translation>Der Lauf wurde abgebrochen; unfertige Prüfungen sind als übersprungen markiert.</translation>
    </message>
    <message>
        <source>Root causes (most likely first)</source>
        <translation>Ursachen (die wahrscheinlichste zuerst)</translation>
    </message>
    <message>
        <source>Explains: %1</source>
        <translation>Erklärt: %1</translation>
    </message>
    <message>
        <source>Manual steps: run the commands shown by --format json or the report, then pass their output with --manual-output ID=FILE.</source>
        <translation>Manuelle Schritte: führen Sie die Befehle aus --format json oder dem Bericht aus und übergeben Sie ihre Ausgabe mit --manual-output ID=DATEI.</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message numerus="yes">
        <source>%n passed</source>
        <translation>
            <numerusform>%n bestanden</numerusform>
            <numerusform>%n bestanden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n fehlgeschlagen</numerusform>
            <numerusform>%n fehlgeschlagen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n Warnung</numerusform>
            <numerusform>%n Warnungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n skipped</source>
        <translation>
            <numerusform>%n übersprungen</numerusform>
            <numerusform>%n übersprungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n manual</source>
        <translation>
            <numerusform>%n manuell</numerusform>
            <numerusform>%n manuell</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>duo::RunJournal</name>
    <message>
        <source>cannot open %1: %2</source>
        <translation>%1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>cannot write %1</source>
        <translation>%1 kann nicht geschrieben werden</translation>
    </message>
</context>
<context>
    <name>duo::SecretStore</name>
    <message>
        <source>Nothing is stored in the keychain for this profile.</source>
        <translation>Im Schlüsselbund ist für dieses Profil nichts gespeichert.</translation>
    </message>
    <message>
        <source>No keychain service is running (Secret Service, e.g. GNOME Keyring or KWallet): %1</source>
        <translation>Kein Schlüsselbunddienst läuft (Secret Service, z. B. GNOME Keyring oder KWallet): %1</translation>
    </message>
    <message>
        <source>This system offers no keychain Duo Doctor can use: %1</source>
        <translation>Dieses System bietet keinen Schlüsselbund, den Duo Doctor nutzen kann: %1</translation>
    </message>
    <message>
        <source>The keychain is locked or unavailable: %1</source>
        <translation>Der Schlüsselbund ist gesperrt oder nicht verfügbar: %1</translation>
    </message>
    <message>
        <source>You declined access to the keychain.</source>
        <translation>Sie haben den Zugriff auf den Schlüsselbund abgelehnt.</translation>
    </message>
    <message>
        <source>The keychain refused access: %1</source>
        <translation>Der Schlüsselbund hat den Zugriff verweigert: %1</translation>
    </message>
    <message>
        <source>The keychain could not delete the secret: %1</source>
        <translation>Der Schlüsselbund konnte das Geheimnis nicht löschen: %1</translation>
    </message>
    <message>
        <source>The keychain failed: %1</source>
        <translation>Der Schlüsselbund ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>The keychain is locked or unavailable: simulated</source>
        <translation>Der Schlüsselbund ist gesperrt oder nicht verfügbar: simuliert</translation>
    </message>
</context>
<context>
    <name>duo::Signatures</name>
    <message>
        <source>The name {gitlab_host} does not resolve from this desktop.</source>
        <translation>Der Name {gitlab_host} wird von diesem Rechner aus nicht aufgelöst.</translation>
    </message>
    <message>
        <source>Check the GitLab URL ({gitlab_url}) for a typo. If the name is only known inside your network, connect to that network (VPN) or use the address GitLab is reachable at.</source>
        <translation>Prüfen Sie die GitLab-URL ({gitlab_url}) auf Tippfehler. Ist der Name nur in Ihrem Netz bekannt, verbinden Sie sich mit diesem Netz (VPN) oder verwenden Sie die Adresse, unter der GitLab erreichbar ist.</translation>
    </message>
    <message>
        <source>Nothing accepts connections at {gitlab_host}:{gitlab_port}.</source>
        <translation>Unter {gitlab_host}:{gitlab_port} nimmt nichts Verbindungen an.</translation>
    </message>
    <message>
        <source>Check that GitLab is running (sudo gitlab-ctl status) and that the port in {gitlab_url} is the one GitLab listens on.</source>
        <translation>Prüfen Sie, dass GitLab läuft (sudo gitlab-ctl status) und dass der Port in {gitlab_url} der ist, auf dem GitLab lauscht.</translation>
    </message>
    <message>
        <source>GitLab did not answer within {timeout} s: a firewall drops the traffic, or GitLab is overloaded.</source>
        <translation>GitLab hat nicht innerhalb von {timeout} s geantwortet: eine Firewall verwirft den Verkehr, oder GitLab ist überlastet.</translation>
    </message>
    <message>
        <source>Check the firewall between this desktop and {gitlab_host}, then GitLab's health on the server (sudo gitlab-ctl status).</source>
        <translation>Prüfen Sie die Firewall zwischen diesem Rechner und {gitlab_host}, dann den Zustand von GitLab auf dem Server (sudo gitlab-ctl status).</translation>
    </message>
    <message>
        <source>GitLab redirected the API request ({message}); the URL is not GitLab's external URL.</source>
        <translation>GitLab hat die API-Anfrage umgeleitet ({message}); die URL ist nicht GitLabs externe URL.</translation>
    </message>
    <message>
        <source>Use GitLab's external_url exactly as set in /etc/gitlab/gitlab.rb, including the scheme and any relative path.</source>
        <translation>Verwenden Sie GitLabs external_url genau wie in /etc/gitlab/gitlab.rb, samt Schema und eines relativen Pfads.</translation>
    </message>
    <message>
        <source>GitLab rejected the personal access token: it is revoked, expired or mistyped.</source>
        <translation>GitLab hat das persönliche Zugriffstoken abgelehnt: es ist widerrufen, abgelaufen oder vertippt.</translation>
    </message>
    <message>
        <source>Create a new personal access token with the read_api scope (api to run GitLab's own connection check) at {gitlab_url}/-/user_settings/personal_access_tokens and pass it in the environment variable named by --gitlab-token-env.</source>
        <translation>Erstellen Sie unter {gitlab_url}/-/user_settings/personal_access_tokens ein neues persönliches Zugriffstoken mit dem Bereich read_api (api für GitLabs eigene Verbindungsprüfung) und übergeben Sie es in der mit --gitlab-token-env genannten Umgebungsvariable.</translation>
    </message>
    <message>
        <source>GitLab {gitlab_version} is the Community Edition; self-hosted models need the Enterprise Edition.</source>
        <translation>GitLab {gitlab_version} ist die Community Edition; selbst gehostete Modelle brauchen die Enterprise Edition.</translation>
    </message>
    <message>
        <source>Install the gitlab-ee package of the same version (an in-place upgrade from CE to EE), add a license with GitLab Duo, then run the gateway image {aigw_image}.</source>
        <translation>Installieren Sie das Paket gitlab-ee derselben Version (ein Upgrade von CE auf EE an Ort und Stelle), fügen Sie eine Lizenz mit GitLab Duo hinzu und starten Sie dann das Gateway-Image {aigw_image}.</translation>
    </message>
    <message>
        <source>GitLab {gitlab_version} predates GitLab Duo Self-Hosted (GitLab 17.x or later).</source>
        <translation>GitLab {gitlab_version} ist älter als GitLab Duo Self-Hosted (GitLab 17.x oder neuer).</translation>
    </message>
    <message>
        <source>Upgrade GitLab to a current 17.x or 18.x release, then run the gateway image whose tag matches it: self-hosted-v&lt;version&gt;-ee.</source>
        <translation>Aktualisieren Sie GitLab auf ein aktuelles 17.x oder 18.x und starten Sie dann das Gateway-Image mit passendem Tag: self-hosted-v&lt;version&gt;-ee.</translation>
    </message>
    <message>
        <source>GitLab's license expired on {license_expires_at}; GitLab Duo stops working with it.</source>
        <translation>GitLabs Lizenz ist am {license_expires_at} abgelaufen; GitLab Duo hört damit auf zu funktionieren.</translation>
    </message>
    <message>
        <source>Add a renewed license (Admin &gt; Subscription, or Admin &gt; Settings &gt; General &gt; Add License), then sync the subscription so GitLab Duo seats return.</source>
        <translation>Fügen Sie eine erneuerte Lizenz hinzu (Admin &gt; Subscription oder Admin &gt; Settings &gt; General &gt; Add License) und synchronisieren Sie dann das Abonnement, damit die GitLab-Duo-Plätze zurückkehren.</translation>
    </message>
    <message>
        <source>GitLab has no license: GitLab Duo needs Premium or Ultimate with GitLab Duo Enterprise.</source>
        <translation>GitLab hat keine Lizenz: GitLab Duo braucht Premium oder Ultimate mit GitLab Duo Enterprise.</translation>
    </message>
    <message>
        <source>Add a license: Admin &gt; Subscription (or Admin &gt; Settings &gt; General &gt; Add License).</source>
        <translation>Fügen Sie eine Lizenz hinzu: Admin &gt; Subscription (oder Admin &gt; Settings &gt; General &gt; Add License).</translation>
    </message>
    <message>
        <source>Code Suggestions and code generation are not set to a self-hosted model ({message}).</source>
        <translation>Code Suggestions und Codegenerierung sind nicht auf ein selbst gehostetes Modell eingestellt ({message}).</translation>
    </message>
    <message>
        <source>In GitLab: Admin &gt; GitLab Duo &gt; Self-hosted models &gt; AI-native features (older versions: Admin &gt; Settings &gt; General &gt; AI-powered features), set Code Suggestions and Code generation to Self-hosted model and choose {deployment_name}.</source>
        <translation>In GitLab: Admin &gt; GitLab Duo &gt; Self-hosted models &gt; AI-native features (ältere Versionen: Admin &gt; Settings &gt; General &gt; AI-powered features), Code Suggestions und Code generation auf Self-hosted model stellen und {deployment_name} wählen.</translation>
    </message>
    <message>
        <source>GitLab says {gitlab_username} may not use Code Suggestions: no GitLab Duo seat, a license without GitLab Duo, or the features not set to a self-hosted model.</source>
        <translation>GitLab sagt, {gitlab_username} darf Code Suggestions nicht verwenden: kein GitLab-Duo-Platz, eine Lizenz ohne GitLab Duo, oder die Funktionen sind nicht auf ein selbst gehostetes Modell eingestellt.</translation>
    </message>
    <message>
        <source>Assign {gitlab_username} a GitLab Duo seat (Admin &gt; GitLab Duo &gt; Seat utilization). If the seat is there, the license and feature checks name the missing piece.</source>
        <translation>Weisen Sie {gitlab_username} einen GitLab-Duo-Platz zu (Admin &gt; GitLab Duo &gt; Seat utilization). Ist der Platz da, nennen die Lizenz- und Funktionsprüfungen das fehlende Teil.</translation>
    </message>
    <message>
        <source>GitLab has no AI gateway URL: Duo features fail with error A1001.</source>
        <translation>GitLab hat keine AI-Gateway-URL: Duo-Funktionen scheitern mit Fehler A1001.</translation>
    </message>
    <message>
        <source>Set it to {gateway_url}: Admin &gt; GitLab Duo &gt; Change configuration &gt; Local AI Gateway URL (before 17.9: the AI_GATEWAY_URL environment variable in /etc/gitlab/gitlab.rb, then sudo gitlab-ctl reconfigure).</source>
        <translation>Setzen Sie sie auf {gateway_url}: Admin &gt; GitLab Duo &gt; Change configuration &gt; Local AI Gateway URL (vor 17.9: die Umgebungsvariable AI_GATEWAY_URL in /etc/gitlab/gitlab.rb, dann sudo gitlab-ctl reconfigure).</translation>
    </message>
    <message>
        <source>GitLab sends its AI gateway traffic to {gitlab_gateway_url}, not to the gateway you entered ({gateway_url}).</source>
        <translation>GitLab schickt seinen AI-Gateway-Verkehr an {gitlab_gateway_url}, nicht an das eingegebene Gateway ({gateway_url}).</translation>
    </message>
    <message>
        <source>Set GitLab's AI gateway URL to {gateway_url}: Admin &gt; GitLab Duo &gt; Change configuration &gt; Local AI Gateway URL (before 17.9: AI_GATEWAY_URL in /etc/gitlab/gitlab.rb, then sudo gitlab-ctl reconfigure).</source>
        <translation>Setzen Sie GitLabs AI-Gateway-URL auf {gateway_url}: Admin &gt; GitLab Duo &gt; Change configuration &gt; Local AI Gateway URL (vor 17.9: AI_GATEWAY_URL in /etc/gitlab/gitlab.rb, dann sudo gitlab-ctl reconfigure).</translation>
    </message>
    <message>
        <source>GitLab's outbound request rules block the gateway's private address ({gateway_host}): "{message}".</source>
        <translation>GitLabs Regeln für ausgehende Anfragen blockieren die private Adresse des Gateways ({gateway_host}): „{message}“.</translation>
    </message>
    <message>
        <source>Admin &gt; Settings &gt; Network &gt; Outbound requests: add {gateway_host} to "Local IP addresses and domain names that hooks and integrations can access", or allow requests to the local network.</source>
        <translation>Admin &gt; Settings &gt; Network &gt; Outbound requests: nehmen Sie {gateway_host} in „Local IP addresses and domain names that hooks and integrations can access“ auf oder erlauben Sie Anfragen ins lokale Netz.</translation>
    </message>
    <message>
        <source>GitLab's request to the gateway went through a proxy that cannot reach it: "{message}".</source>
        <translation>GitLabs Anfrage an das Gateway lief über einen Proxy, der es nicht erreicht: „{message}“.</translation>
    </message>
    <message>
        <source>On the GitLab host, add {gateway_host} to no_proxy (gitlab_rails['env'] in /etc/gitlab/gitlab.rb), then sudo gitlab-ctl reconfigure.</source>
        <translation>Nehmen Sie auf dem GitLab-Host {gateway_host} in no_proxy auf (gitlab_rails['env'] in /etc/gitlab/gitlab.rb), dann sudo gitlab-ctl reconfigure.</translation>
    </message>
    <message>
        <source>GitLab cannot reach the gateway at {gitlab_gateway_url}: "{message}".</source>
        <translation>GitLab erreicht das Gateway unter {gitlab_gateway_url} nicht: „{message}“.</translation>
    </message>
    <message>
        <source>From the GitLab host, check that {gitlab_gateway_url} resolves and that the firewall lets GitLab reach it; the console command shows what GitLab sees.</source>
        <translation>Prüfen Sie vom GitLab-Host aus, dass {gitlab_gateway_url} aufgelöst wird und die Firewall GitLab durchlässt; der Konsolenbefehl zeigt, was GitLab sieht.</translation>
    </message>
    <message>
        <source>The gateway refuses GitLab's own requests: "{message}". It cannot validate GitLab's token or its instance headers (stale license data, a wrong AIGW_GITLAB_URL, or a stale key cache).</source>
        <translation>Das Gateway weist GitLabs eigene Anfragen ab: „{message}“. Es kann GitLabs Token oder dessen Instanz-Header nicht prüfen (veraltete Lizenzdaten, falsche AIGW_GITLAB_URL oder veralteter Schlüssel-Cache).</translation>
    </message>
    <message>
        <source>Sync the subscription (Admin &gt; Subscription &gt; Sync), make sure the gateway runs with AIGW_GITLAB_URL={gitlab_url} and AIGW_GITLAB_API_URL={gitlab_api_url} and can reach them, then restart the gateway.</source>
        <translation>Synchronisieren Sie das Abonnement (Admin &gt; Subscription &gt; Sync), stellen Sie sicher, dass das Gateway mit AIGW_GITLAB_URL={gitlab_url} und AIGW_GITLAB_API_URL={gitlab_api_url} läuft und sie erreicht, dann starten Sie das Gateway neu.</translation>
    </message>
    <message>
        <source>GitLab refuses Code Suggestions to {gitlab_username}.</source>
        <translation>GitLab verweigert {gitlab_username} die Code Suggestions.</translation>
    </message>
    <message>
        <source>Assign {gitlab_username} a GitLab Duo seat (Admin &gt; GitLab Duo &gt; Seat utilization) and check the license and feature settings.</source>
        <translation>Weisen Sie {gitlab_username} einen GitLab-Duo-Platz zu (Admin &gt; GitLab Duo &gt; Seat utilization) und prüfen Sie Lizenz und Funktionseinstellungen.</translation>
    </message>
    <message>
        <source>The name {gateway_host} does not resolve from this desktop.</source>
        <translation>Der Name {gateway_host} wird von diesem Rechner aus nicht aufgelöst.</translation>
    </message>
    <message>
        <source>Check the gateway URL ({gateway_url}) for a typo, or use the address GitLab uses for it.</source>
        <translation>Prüfen Sie die Gateway-URL ({gateway_url}) auf Tippfehler, oder verwenden Sie die Adresse, die GitLab dafür nutzt.</translation>
    </message>
    <message>
        <source>Nothing accepts connections at {gateway_host}:{gateway_port}: the gateway is not running, or listens on another port (the self-hosted image uses 5052).</source>
        <translation>Unter {gateway_host}:{gateway_port} nimmt nichts Verbindungen an: das Gateway läuft nicht oder lauscht auf einem anderen Port (das selbst gehostete Image nutzt 5052).</translation>
    </message>
    <message>
        <source>Start the gateway container (docker ps -a, then docker start &lt;ai-gateway-container&gt;) and check the port in {gateway_url}.</source>
        <translation>Starten Sie den Gateway-Container (docker ps -a, dann docker start &lt;ai-gateway-container&gt;) und prüfen Sie den Port in {gateway_url}.</translation>
    </message>
    <message>
        <source>No answer from {gateway_host}:{gateway_port} within {timeout} s: a firewall drops the traffic, or the gateway hangs.</source>
        <translation>Keine Antwort von {gateway_host}:{gateway_port} innerhalb von {timeout} s: eine Firewall verwirft den Verkehr, oder das Gateway hängt.</translation>
    </message>
    <message>
        <source>Check the firewall between this desktop and {gateway_host} and the gateway's log; confirm that {gateway_url} is the gateway's address.</source>
        <translation>Prüfen Sie die Firewall zwischen diesem Rechner und {gateway_host} sowie das Protokoll des Gateways; bestätigen Sie, dass {gateway_url} die Adresse des Gateways ist.</translation>
    </message>
    <message>
        <source>The gateway answers but /monitoring/healthz says it cannot process requests (HTTP {http_status}).</source>
        <translation>Das Gateway antwortet, aber /monitoring/healthz sagt, es kann keine Anfragen verarbeiten (HTTP {http_status}).</translation>
    </message>
    <message>
        <source>Read the gateway's log for the failing component, then reinstall it following "Install the GitLab AI gateway" with the image {aigw_image}.</source>
        <translation>Lesen Sie im Protokoll des Gateways die fehlerhafte Komponente nach und installieren Sie es gemäß „Install the GitLab AI gateway“ mit dem Image {aigw_image} neu.</translation>
    </message>
    <message>
        <source>The gateway demands a GitLab token on every request: AIGW_AUTH__BYPASS_EXTERNAL is not true.</source>
        <translation>Das Gateway verlangt bei jeder Anfrage ein GitLab-Token: AIGW_AUTH__BYPASS_EXTERNAL ist nicht true.</translation>
    </message>
    <message>
        <source>Recreate the gateway container with -e AIGW_AUTH__BYPASS_EXTERNAL=true, as self-hosted models require.</source>
        <translation>Erstellen Sie den Gateway-Container mit -e AIGW_AUTH__BYPASS_EXTERNAL=true neu, wie es selbst gehostete Modelle verlangen.</translation>
    </message>
    <message>
        <source>The gateway refuses self-hosted models: AIGW_CUSTOM_MODELS__ENABLED is not true.</source>
        <translation>Das Gateway weist selbst gehostete Modelle ab: AIGW_CUSTOM_MODELS__ENABLED ist nicht true.</translation>
    </message>
    <message>
        <source>Recreate the gateway container with -e AIGW_CUSTOM_MODELS__ENABLED=true.</source>
        <translation>Erstellen Sie den Gateway-Container mit -e AIGW_CUSTOM_MODELS__ENABLED=true neu.</translation>
    </message>
    <message>
        <source>The gateway cannot tell which protocol to speak: the identifier {model_identifier} has no provider prefix.</source>
        <translation>Das Gateway weiß nicht, welches Protokoll es sprechen soll: dem Bezeichner {model_identifier} fehlt das Anbieterpräfix.</translation>
    </message>
    <message>
        <source>Set the identifier to custom_openai/{served_model_id} for an OpenAI-compatible server (bedrock/… for Bedrock, azure/… for Azure).</source>
        <translation>Setzen Sie den Bezeichner auf custom_openai/{served_model_id} für einen OpenAI-kompatiblen Server (bedrock/… für Bedrock, azure/… für Azure).</translation>
    </message>
    <message>
        <source>The gateway could not open a connection to the model at {model_endpoint}: "{message}".</source>
        <translation>Das Gateway konnte keine Verbindung zum Modell unter {model_endpoint} öffnen: „{message}“.</translation>
    </message>
    <message>
        <source>Run the request from inside the gateway container (below). If it fails there, fix the network between the gateway and {model_host}.</source>
        <translation>Führen Sie die Anfrage im Gateway-Container aus (unten). Scheitert sie dort, beheben Sie das Netz zwischen Gateway und {model_host}.</translation>
    </message>
    <message>
        <source>The model server does not know the model the gateway asked for: "{message}".</source>
        <translation>Der Modellserver kennt das vom Gateway angefragte Modell nicht: „{message}“.</translation>
    </message>
    <message>
        <source>The part of the identifier after custom_openai/ must equal an id from {models_url}; check the endpoint ends in /v1.</source>
        <translation>Der Teil des Bezeichners nach custom_openai/ muss einer id aus {models_url} entsprechen; prüfen Sie, dass der Endpunkt auf /v1 endet.</translation>
    </message>
    <message>
        <source>The model server rejected the API key the gateway sent: "{message}".</source>
        <translation>Der Modellserver hat den API-Schlüssel abgelehnt, den das Gateway geschickt hat: „{message}“.</translation>
    </message>
    <message>
        <source>Use the key the model server expects, here and in GitLab's self-hosted model {deployment_name}.</source>
        <translation>Verwenden Sie den Schlüssel, den der Modellserver erwartet, hier und in GitLabs selbst gehostetem Modell {deployment_name}.</translation>
    </message>
    <message>
        <source>The gateway rejected the request as malformed (HTTP 422): "{message}". Usually the model name {model_name} is not a family this gateway version knows.</source>
        <translation>Das Gateway hat die Anfrage als fehlerhaft abgewiesen (HTTP 422): „{message}“. Meist ist der Modellname {model_name} keine Familie, die diese Gateway-Version kennt.</translation>
    </message>
    <message>
        <source>Use a model name GitLab lists for self-hosted models (mistral, codestral, llama3, codegemma, general…) and a gateway image matching GitLab: {aigw_image}.</source>
        <translation>Verwenden Sie einen Modellnamen, den GitLab für selbst gehostete Modelle auflistet (mistral, codestral, llama3, codegemma, general…), und ein zu GitLab passendes Gateway-Image: {aigw_image}.</translation>
    </message>
    <message>
        <source>No answer within {inference_timeout} s: the model generates too slowly, or the gateway waits on a model it cannot reach.</source>
        <translation>Keine Antwort innerhalb von {inference_timeout} s: das Modell erzeugt zu langsam, oder das Gateway wartet auf ein Modell, das es nicht erreicht.</translation>
    </message>
    <message>
        <source>See model.completion: raise GitLab's AI gateway request timeout (Admin &gt; GitLab Duo, 60–600 s, GitLab 18.7 and later) or use a faster model.</source>
        <translation>Siehe model.completion: erhöhen Sie GitLabs AI-Gateway-Timeout (Admin &gt; GitLab Duo, 60–600 s, ab GitLab 18.7) oder verwenden Sie ein schnelleres Modell.</translation>
    </message>
    <message>
        <source>The endpoint {model_endpoint} names the local host. Inside the gateway's container that is the container itself, not the machine the model server runs on: this desktop reaches the model, the gateway does not.</source>
        <translation>Der Endpunkt {model_endpoint} nennt den lokalen Host. Im Container des Gateways ist das der Container selbst, nicht der Rechner, auf dem der Modellserver läuft: dieser Rechner erreicht das Modell, das Gateway nicht.</translation>
    </message>
    <message>
        <source>Run the gateway container with --network host and -e AIGW_FASTAPI__METRICS_PORT=8083 (the metrics port would clash on the host network), or give the endpoint an address of the model host that the container can reach, here and in GitLab.</source>
        <translation>Starten Sie den Gateway-Container mit --network host und -e AIGW_FASTAPI__METRICS_PORT=8083 (sonst kollidiert der Metrik-Port im Host-Netzwerk), oder geben Sie dem Endpunkt eine Adresse des Modell-Hosts, die der Container erreicht, hier und in GitLab.</translation>
    </message>
    <message>
        <source>This desktop reaches {model_host}, the gateway does not: a firewall, a DNS name the container cannot resolve, or a network the container is not attached to.</source>
        <translation>Dieser Rechner erreicht {model_host}, das Gateway nicht: eine Firewall, ein DNS-Name, den der Container nicht auflösen kann, oder ein Netz, mit dem der Container nicht verbunden ist.</translation>
    </message>
    <message>
        <source>Run the request from inside the gateway container (below). Then open the firewall from the gateway's host to {model_host}:{model_port}, or give the container the DNS or network it needs (docker run --network / --add-host).</source>
        <translation>Führen Sie die Anfrage im Gateway-Container aus (unten). Öffnen Sie dann die Firewall vom Host des Gateways zu {model_host}:{model_port}, oder geben Sie dem Container das DNS oder Netz, das er braucht (docker run --network / --add-host).</translation>
    </message>
    <message>
        <source>{model_host} has no domain and does not resolve here: probably a name only the container network knows (a Docker service name). It cannot be checked from this desktop.</source>
        <translation>{model_host} hat keine Domain und wird hier nicht aufgelöst: wahrscheinlich ein Name, den nur das Container-Netz kennt (ein Docker-Dienstname). Er lässt sich von diesem Rechner aus nicht prüfen.</translation>
    </message>
    <message>
        <source>Check it from inside the gateway container instead (below).</source>
        <translation>Prüfen Sie es stattdessen aus dem Gateway-Container heraus (unten).</translation>
    </message>
    <message>
        <source>The name {model_host} does not resolve from this desktop.</source>
        <translation>Der Name {model_host} wird von diesem Rechner aus nicht aufgelöst.</translation>
    </message>
    <message>
        <source>Check the model endpoint ({model_endpoint}) for a typo; use a name both this desktop and the gateway container can resolve.</source>
        <translation>Prüfen Sie den Modell-Endpunkt ({model_endpoint}) auf Tippfehler; verwenden Sie einen Namen, den dieser Rechner und der Gateway-Container auflösen können.</translation>
    </message>
    <message>
        <source>Nothing accepts connections at {model_host}:{model_port}: the model server is not running, or listens elsewhere.</source>
        <translation>Unter {model_host}:{model_port} nimmt nichts Verbindungen an: der Modellserver läuft nicht oder lauscht woanders.</translation>
    </message>
    <message>
        <source>Start the model server and check the port in {model_endpoint}. It must listen on an address the gateway can reach: vLLM --host 0.0.0.0, Ollama OLLAMA_HOST=0.0.0.0 (it binds 127.0.0.1 by default).</source>
        <translation>Starten Sie den Modellserver und prüfen Sie den Port in {model_endpoint}. Er muss auf einer Adresse lauschen, die das Gateway erreicht: vLLM --host 0.0.0.0, Ollama OLLAMA_HOST=0.0.0.0 (standardmäßig bindet es an 127.0.0.1).</translation>
    </message>
    <message>
        <source>No answer from {model_host}:{model_port} within {timeout} s: a firewall drops the traffic, or the server is stuck.</source>
        <translation>Keine Antwort von {model_host}:{model_port} innerhalb von {timeout} s: eine Firewall verwirft den Verkehr, oder der Server hängt.</translation>
    </message>
    <message>
        <source>Check the firewall in front of the model server and that the server is up.</source>
        <translation>Prüfen Sie die Firewall vor dem Modellserver und dass der Server läuft.</translation>
    </message>
    <message>
        <source>{models_url} is not found while {corrected_endpoint}/models answers: the endpoint lacks /v1, so every request the gateway makes gets a 404.</source>
        <translation>{models_url} wird nicht gefunden, während {corrected_endpoint}/models antwortet: dem Endpunkt fehlt /v1, daher bekommt jede Anfrage des Gateways ein 404.</translation>
    </message>
    <message>
        <source>Use the endpoint {corrected_endpoint}, here and in GitLab (Admin &gt; GitLab Duo &gt; Self-hosted models &gt; {deployment_name} &gt; Endpoint).</source>
        <translation>Verwenden Sie den Endpunkt {corrected_endpoint}, hier und in GitLab (Admin &gt; GitLab Duo &gt; Self-hosted models &gt; {deployment_name} &gt; Endpoint).</translation>
    </message>
    <message>
        <source>No OpenAI-compatible API at {model_endpoint}: {models_url} answered HTTP {http_status}.</source>
        <translation>Keine OpenAI-kompatible API unter {model_endpoint}: {models_url} hat mit HTTP {http_status} geantwortet.</translation>
    </message>
    <message>
        <source>Use the server's OpenAI-compatible base URL, usually ending in /v1 (vLLM http://host:8000/v1, Ollama http://host:11434/v1, LiteLLM http://host:4000).</source>
        <translation>Verwenden Sie die OpenAI-kompatible Basis-URL des Servers, meist mit /v1 am Ende (vLLM http://host:8000/v1, Ollama http://host:11434/v1, LiteLLM http://host:4000).</translation>
    </message>
    <message>
        <source>The model server needs an API key and none was sent.</source>
        <translation>Der Modellserver braucht einen API-Schlüssel, und keiner wurde gesendet.</translation>
    </message>
    <message>
        <source>Give the key in the environment variable named by --model-key-env, and set the same key on GitLab's self-hosted model {deployment_name}.</source>
        <translation>Geben Sie den Schlüssel in der mit --model-key-env genannten Umgebungsvariable an und setzen Sie denselben Schlüssel am selbst gehosteten Modell {deployment_name} in GitLab.</translation>
    </message>
    <message>
        <source>The model server rejected the API key (HTTP {http_status}).</source>
        <translation>Der Modellserver hat den API-Schlüssel abgelehnt (HTTP {http_status}).</translation>
    </message>
    <message>
        <source>Use the key the server was started with (vLLM --api-key, a LiteLLM master or virtual key), here and on GitLab's self-hosted model {deployment_name}.</source>
        <translation>Verwenden Sie den Schlüssel, mit dem der Server gestartet wurde (vLLM --api-key, ein Master- oder virtueller Schlüssel von LiteLLM), hier und am selbst gehosteten Modell {deployment_name} in GitLab.</translation>
    </message>
    <message>
        <source>The identifier {model_identifier} lacks the custom_openai/ prefix that tells the gateway to speak the OpenAI protocol to this server.</source>
        <translation>Dem Bezeichner {model_identifier} fehlt das Präfix custom_openai/, das dem Gateway sagt, mit diesem Server das OpenAI-Protokoll zu sprechen.</translation>
    </message>
    <message>
        <source>Set the identifier to {suggested_identifier}, here and in GitLab (Admin &gt; GitLab Duo &gt; Self-hosted models &gt; {deployment_name} &gt; Model identifier).</source>
        <translation>Setzen Sie den Bezeichner auf {suggested_identifier}, hier und in GitLab (Admin &gt; GitLab Duo &gt; Self-hosted models &gt; {deployment_name} &gt; Model identifier).</translation>
    </message>
    <message>
        <source>The server does not serve {served_model_id}; it serves: {served_models}.</source>
        <translation>Der Server stellt {served_model_id} nicht bereit; er stellt bereit: {served_models}.</translation>
    </message>
    <message>
        <source>Set the identifier to {suggested_identifier} (custom_openai/ followed by an id the server lists), here and in GitLab's self-hosted model {deployment_name}; or serve the model under that name (vLLM --served-model-name {served_model_id:sh}).</source>
        <translation>Setzen Sie den Bezeichner auf {suggested_identifier} (custom_openai/ gefolgt von einer id, die der Server auflistet), hier und am selbst gehosteten Modell {deployment_name} in GitLab; oder stellen Sie das Modell unter diesem Namen bereit (vLLM --served-model-name {served_model_id:sh}).</translation>
    </message>
    <message>
        <source>The model did not return a single token within {inference_timeout} s.</source>
        <translation>Das Modell hat innerhalb von {inference_timeout} s kein einziges Token geliefert.</translation>
    </message>
    <message>
        <source>A model this slow also exceeds GitLab's AI gateway timeout (60 s by default): raise it (Admin &gt; GitLab Duo &gt; AI gateway request timeout, 60–600 s, GitLab 18.7 and later), or use a smaller or faster model and more GPU.</source>
        <translation>Ein so langsames Modell überschreitet auch GitLabs AI-Gateway-Timeout (standardmäßig 60 s): erhöhen Sie ihn (Admin &gt; GitLab Duo &gt; AI gateway request timeout, 60–600 s, ab GitLab 18.7), oder verwenden Sie ein kleineres oder schnelleres Modell und mehr GPU.</translation>
    </message>
    <message>
        <source>The model's context window is too small: "{message}".</source>
        <translation>Das Kontextfenster des Modells ist zu klein: „{message}“.</translation>
    </message>
    <message>
        <source>Start vLLM with a larger --max-model-len, or use a model with a longer context.</source>
        <translation>Starten Sie vLLM mit einem größeren --max-model-len, oder verwenden Sie ein Modell mit längerem Kontext.</translation>
    </message>
    <message>
        <source>The server does not serve {served_model_id}: "{message}".</source>
        <translation>Der Server stellt {served_model_id} nicht bereit: „{message}“.</translation>
    </message>
    <message>
        <source>Set the identifier to custom_openai/ followed by an id from {models_url}.</source>
        <translation>Setzen Sie den Bezeichner auf custom_openai/ gefolgt von einer id aus {models_url}.</translation>
    </message>
    <message>
        <source>The certificate of {server_host} is expired or not valid yet (valid {tls_validity}).</source>
        <translation>Das Zertifikat von {server_host} ist abgelaufen oder noch nicht gültig (gültig {tls_validity}).</translation>
    </message>
    <message>
        <source>Renew the certificate on {server_host}. GitLab and the gateway reject it too; do not switch verification off.</source>
        <translation>Erneuern Sie das Zertifikat auf {server_host}. GitLab und das Gateway lehnen es ebenfalls ab; schalten Sie die Prüfung nicht ab.</translation>
    </message>
    <message>
        <source>{server_host} presents a certificate made out to another name ({tls_subject}).</source>
        <translation>{server_host} legt ein Zertifikat für einen anderen Namen vor ({tls_subject}).</translation>
    </message>
    <message>
        <source>Use the host name the certificate names, or reissue it with {server_host} in its subjectAltName. A load balancer in front may be serving another site's certificate.</source>
        <translation>Verwenden Sie den Hostnamen, den das Zertifikat nennt, oder stellen Sie es mit {server_host} im subjectAltName neu aus. Ein vorgeschalteter Load Balancer liefert vielleicht das Zertifikat einer anderen Site.</translation>
    </message>
    <message>
        <source>{server_host} presents a self-signed certificate ({tls_subject}, SHA-256 {tls_fingerprint}).</source>
        <translation>{server_host} legt ein selbstsigniertes Zertifikat vor ({tls_subject}, SHA-256 {tls_fingerprint}).</translation>
    </message>
    <message>
        <source>If it is the right certificate, trust it explicitly: --ca-file with it, or pin it with --trust-cert {server_host}={tls_fingerprint}. GitLab needs it in /etc/gitlab/trusted-certs/ (then sudo gitlab-ctl reconfigure); the gateway in SSL_CERT_FILE and REQUESTS_CA_BUNDLE. The gateway does not support a self-signed GitLab certificate: prefer a private CA.</source>
        <translation>Ist es das richtige Zertifikat, vertrauen Sie ihm ausdrücklich: mit --ca-file oder angeheftet mit --trust-cert {server_host}={tls_fingerprint}. GitLab braucht es in /etc/gitlab/trusted-certs/ (dann sudo gitlab-ctl reconfigure), das Gateway in SSL_CERT_FILE und REQUESTS_CA_BUNDLE. Das Gateway unterstützt kein selbstsigniertes GitLab-Zertifikat: besser eine private CA.</translation>
    </message>
    <message>
        <source>The certificate of {server_host} was signed by {tls_issuer}, not by the server's own CA: a TLS-inspecting proxy is likely between this desktop and the server.</source>
        <translation>Das Zertifikat von {server_host} wurde von {tls_issuer} signiert, nicht von der eigenen CA des Servers: wahrscheinlich sitzt ein TLS-inspizierender Proxy zwischen diesem Rechner und dem Server.</translation>
    </message>
    <message>
        <source>Ask your network team for the proxy's CA certificate and pass it with --ca-file. The gateway needs it in SSL_CERT_FILE and REQUESTS_CA_BUNDLE, GitLab in /etc/gitlab/trusted-certs/ (then sudo gitlab-ctl reconfigure) — or have {server_host} exempted from inspection.</source>
        <translation>Fragen Sie Ihr Netzwerkteam nach dem CA-Zertifikat des Proxys und übergeben Sie es mit --ca-file. Das Gateway braucht es in SSL_CERT_FILE und REQUESTS_CA_BUNDLE, GitLab in /etc/gitlab/trusted-certs/ (dann sudo gitlab-ctl reconfigure) — oder lassen Sie {server_host} von der Inspektion ausnehmen.</translation>
    </message>
    <message>
        <source>The certificate of {server_host} was issued by {tls_issuer}, which this desktop does not trust: a private CA, or a TLS-inspecting proxy.</source>
        <translation>Das Zertifikat von {server_host} wurde von {tls_issuer} ausgestellt, dem dieser Rechner nicht vertraut: eine private CA oder ein TLS-inspizierender Proxy.</translation>
    </message>
    <message>
        <source>Pass the CA bundle with --ca-file (or add it to the system store). The gateway needs the same CA in SSL_CERT_FILE and REQUESTS_CA_BUNDLE, GitLab in /etc/gitlab/trusted-certs/ (then sudo gitlab-ctl reconfigure).</source>
        <translation>Übergeben Sie das CA-Bündel mit --ca-file (oder nehmen Sie es in den Systemspeicher auf). Das Gateway braucht dieselbe CA in SSL_CERT_FILE und REQUESTS_CA_BUNDLE, GitLab in /etc/gitlab/trusted-certs/ (dann sudo gitlab-ctl reconfigure).</translation>
    </message>
    <message>
        <source>The TLS handshake with {server_host} failed before any certificate was checked: {message}. An old TLS version, no shared cipher, or plain HTTP on a TLS port.</source>
        <translation>Der TLS-Handshake mit {server_host} ist fehlgeschlagen, bevor ein Zertifikat geprüft wurde: {message}. Eine alte TLS-Version, keine gemeinsame Chiffre oder reines HTTP auf einem TLS-Port.</translation>
    </message>
    <message>
        <source>Check http:// versus https:// in the URL and that {server_host} offers TLS 1.2 or newer.</source>
        <translation>Prüfen Sie http:// gegenüber https:// in der URL und dass {server_host} TLS 1.2 oder neuer anbietet.</translation>
    </message>
    <message>
        <source>The proxy {proxy} wants credentials before it forwards anything to {server_host}.</source>
        <translation>Der Proxy {proxy} verlangt Zugangsdaten, bevor er etwas an {server_host} weiterleitet.</translation>
    </message>
    <message>
        <source>Put the proxy's user and password in the proxy URL (http://user:password@proxy:3128, via https_proxy/http_proxy or --proxy), or have {server_host} added to no_proxy if it is reachable directly.</source>
        <translation>Tragen Sie Benutzer und Passwort des Proxys in die Proxy-URL ein (http://benutzer:passwort@proxy:3128, über https_proxy/http_proxy oder --proxy), oder lassen Sie {server_host} in no_proxy aufnehmen, wenn er direkt erreichbar ist.</translation>
    </message>
    <message>
        <source>The proxy {proxy} refuses to connect to {server_host}: its access rules forbid it. {server_host} itself was never asked.</source>
        <translation>Der Proxy {proxy} verweigert die Verbindung zu {server_host}: seine Zugriffsregeln verbieten es. {server_host} selbst wurde nie gefragt.</translation>
    </message>
    <message>
        <source>Ask the proxy's administrator to allow {server_host}, or add it to no_proxy when it is reachable directly. The GitLab host has its own proxy variables: set no_proxy in gitlab_rails['env'] in /etc/gitlab/gitlab.rb, then sudo gitlab-ctl reconfigure.</source>
        <translation>Bitten Sie die Administration des Proxys, {server_host} zuzulassen, oder nehmen Sie ihn in no_proxy auf, wenn er direkt erreichbar ist. Der GitLab-Host hat eigene Proxy-Variablen: setzen Sie no_proxy in gitlab_rails['env'] in /etc/gitlab/gitlab.rb, dann sudo gitlab-ctl reconfigure.</translation>
    </message>
    <message>
        <source>The proxy {proxy} answered for {server_host}: it cannot reach it ({message}). The server may be fine and only unreachable from the proxy.</source>
        <translation>Der Proxy {proxy} hat für {server_host} geantwortet: er erreicht ihn nicht ({message}). Der Server ist vielleicht in Ordnung und nur vom Proxy aus unerreichbar.</translation>
    </message>
    <message>
        <source>An internal host belongs in no_proxy, so requests go to it directly (here: no_proxy or --proxy none; on the GitLab host: gitlab_rails['env'] no_proxy).</source>
        <translation>Ein interner Host gehört in no_proxy, damit Anfragen ihn direkt erreichen (hier: no_proxy oder --proxy none; auf dem GitLab-Host: gitlab_rails['env'] no_proxy).</translation>
    </message>
    <message>
        <source>The proxy {proxy} cannot be used: {message}.</source>
        <translation>Der Proxy {proxy} ist nicht nutzbar: {message}.</translation>
    </message>
    <message>
        <source>Check the proxy address in https_proxy / http_proxy (or --proxy), or go direct for {server_host} with no_proxy or --proxy none.</source>
        <translation>Prüfen Sie die Proxy-Adresse in https_proxy / http_proxy (oder --proxy), oder gehen Sie für {server_host} direkt mit no_proxy oder --proxy none.</translation>
    </message>
    <message>
        <source>{server_host} closed the connection without a complete answer: a server that crashes on the request, a load balancer without a healthy backend, or a plain-HTTP client on a TLS port.</source>
        <translation>{server_host} hat die Verbindung ohne vollständige Antwort geschlossen: ein Server, der bei der Anfrage abstürzt, ein Load Balancer ohne gesundes Backend oder ein reiner HTTP-Client auf einem TLS-Port.</translation>
    </message>
    <message>
        <source>Look at the server's log for the time of this check and at any load balancer in front of {server_host}.</source>
        <translation>Sehen Sie im Protokoll des Servers zur Zeit dieser Prüfung nach und bei einem Load Balancer vor {server_host}.</translation>
    </message>
    <message>
        <source>{server_host} sent more than {max_bytes} bytes where a small API answer was expected: the URL probably points at something else.</source>
        <translation>{server_host} hat mehr als {max_bytes} Bytes gesendet, wo eine kleine API-Antwort erwartet war: die URL zeigt wohl auf etwas anderes.</translation>
    </message>
    <message>
        <source>Check the URL; raise --max-response-bytes only if this really is the API.</source>
        <translation>Prüfen Sie die URL; erhöhen Sie --max-response-bytes nur, wenn das wirklich die API ist.</translation>
    </message>
    <message>
        <source>An HTML login page answered instead of the API of {server_host}: a single-sign-on proxy or a web login sits in front of it.</source>
        <translation>Statt der API von {server_host} hat eine HTML-Anmeldeseite geantwortet: ein Single-Sign-on-Proxy oder eine Web-Anmeldung sitzt davor.</translation>
    </message>
    <message>
        <source>Use the address that reaches the API directly, or have the proxy let API paths (/api/, /v1/, /monitoring/) through; tokens and keys cannot log in to a web form.</source>
        <translation>Verwenden Sie die Adresse, die die API direkt erreicht, oder lassen Sie den Proxy API-Pfade (/api/, /v1/, /monitoring/) durch; Token und Schlüssel können sich nicht in einem Webformular anmelden.</translation>
    </message>
    <message>
        <source>{server_host} answered with something that is not the expected JSON ({message}).</source>
        <translation>{server_host} hat mit etwas geantwortet, das nicht das erwartete JSON ist ({message}).</translation>
    </message>
    <message>
        <source>Check that the URL points at the right service and port; a proxy or an error page may be answering.</source>
        <translation>Prüfen Sie, dass die URL auf den richtigen Dienst und Port zeigt; vielleicht antwortet ein Proxy oder eine Fehlerseite.</translation>
    </message>
    <message>
        <source>Duo Chat error A1001: GitLab could not reach the AI gateway. The gateway URL is wrong or unset, the network is in the way, or GitLab's outbound rules block the gateway's private address.</source>
        <translation>Duo-Chat-Fehler A1001: GitLab konnte das AI Gateway nicht erreichen. Die Gateway-URL ist falsch oder nicht gesetzt, das Netz steht im Weg, oder GitLabs Regeln für ausgehende Anfragen blockieren die private Adresse des Gateways.</translation>
    </message>
    <message>
        <source>Check the gateway URL (Admin &gt; GitLab Duo &gt; AI gateway URL; AI_GATEWAY_URL before 17.9) against {gateway_url}, and allow {gateway_host} under Admin &gt; Settings &gt; Network &gt; Outbound requests.</source>
        <translation>Vergleichen Sie die Gateway-URL (Admin &gt; GitLab Duo &gt; AI gateway URL; AI_GATEWAY_URL vor 17.9) mit {gateway_url} und erlauben Sie {gateway_host} unter Admin &gt; Settings &gt; Network &gt; Outbound requests.</translation>
    </message>
    <message>
        <source>GitLab gave up waiting for the gateway (Net::ReadTimeout, Duo Chat error A1000): the model answers more slowly than GitLab's AI gateway timeout.</source>
        <translation>GitLab hat das Warten auf das Gateway aufgegeben (Net::ReadTimeout, Duo-Chat-Fehler A1000): das Modell antwortet langsamer, als GitLabs AI-Gateway-Timeout erlaubt.</translation>
    </message>
    <message>
        <source>Raise the AI gateway request timeout (Admin &gt; GitLab Duo, 60–600 s, GitLab 18.7 and later) or use a faster model; duo-doctor check measures the model's latency.</source>
        <translation>Erhöhen Sie den AI-Gateway-Timeout (Admin &gt; GitLab Duo, 60–600 s, ab GitLab 18.7) oder verwenden Sie ein schnelleres Modell; duo-doctor check misst die Latenz des Modells.</translation>
    </message>
    <message>
        <source>Duo Chat error A1003: streaming between the model and the gateway broke, often a proxy that buffers answers or strips X-Accel-Buffering.</source>
        <translation>Duo-Chat-Fehler A1003: das Streaming zwischen Modell und Gateway ist abgebrochen, oft wegen eines Proxys, der Antworten puffert oder X-Accel-Buffering entfernt.</translation>
    </message>
    <message>
        <source>Recreate the gateway with -e AIGW_CUSTOM_MODELS__DISABLE_STREAMING=true, or stop the proxy between the gateway and the model from buffering.</source>
        <translation>Erstellen Sie das Gateway mit -e AIGW_CUSTOM_MODELS__DISABLE_STREAMING=true neu, oder verhindern Sie, dass der Proxy zwischen Gateway und Modell puffert.</translation>
    </message>
    <message>
        <source>The gateway does not know its GitLab: neither AIGW_GITLAB_URL nor AIGW_AUTH__BYPASS_EXTERNAL is set.</source>
        <translation>Das Gateway kennt sein GitLab nicht: weder AIGW_GITLAB_URL noch AIGW_AUTH__BYPASS_EXTERNAL ist gesetzt.</translation>
    </message>
    <message>
        <source>Recreate the gateway with -e AIGW_GITLAB_URL={gitlab_url} -e AIGW_GITLAB_API_URL={gitlab_api_url}.</source>
        <translation>Erstellen Sie das Gateway mit -e AIGW_GITLAB_URL={gitlab_url} -e AIGW_GITLAB_API_URL={gitlab_api_url} neu.</translation>
    </message>
    <message>
        <source>The gateway rejected a token: "{message}". Malformed ("Not enough segments"), expired ("Signature has expired": stale license data) or signed by a key the gateway has not loaded.</source>
        <translation>Das Gateway hat ein Token abgelehnt: „{message}“. Fehlerhaft („Not enough segments“), abgelaufen („Signature has expired“: veraltete Lizenzdaten) oder mit einem Schlüssel signiert, den das Gateway nicht geladen hat.</translation>
    </message>
    <message>
        <source>Sync the subscription (Admin &gt; Subscription &gt; Sync) and restart the gateway so it reloads GitLab's keys; make sure it reaches {gitlab_url}.</source>
        <translation>Synchronisieren Sie das Abonnement (Admin &gt; Subscription &gt; Sync) und starten Sie das Gateway neu, damit es GitLabs Schlüssel neu lädt; stellen Sie sicher, dass es {gitlab_url} erreicht.</translation>
    </message>
    <message>
        <source>The gateway cannot fetch GitLab's signing keys (JWKS), so it rejects every token from GitLab: "{message}".</source>
        <translation>Das Gateway kann GitLabs Signaturschlüssel (JWKS) nicht abrufen und lehnt daher jedes Token von GitLab ab: „{message}“.</translation>
    </message>
    <message>
        <source>Check AIGW_GITLAB_URL={gitlab_url} and AIGW_GITLAB_API_URL={gitlab_api_url} in the container and that it reaches them (no proxy in the way): curl "$AIGW_GITLAB_API_URL/projects" from inside it. A restart clears a stale key cache.</source>
        <translation>Prüfen Sie AIGW_GITLAB_URL={gitlab_url} und AIGW_GITLAB_API_URL={gitlab_api_url} im Container und dass er sie erreicht (kein Proxy im Weg): curl "$AIGW_GITLAB_API_URL/projects" aus dem Container heraus. Ein Neustart leert einen veralteten Schlüssel-Cache.</translation>
    </message>
    <message>
        <source>The gateway does not trust a certificate it was shown (or cannot read the CA file): "{message}". A private CA or a TLS-inspecting proxy.</source>
        <translation>Das Gateway vertraut einem vorgelegten Zertifikat nicht (oder kann die CA-Datei nicht lesen): „{message}“. Eine private CA oder ein TLS-inspizierender Proxy.</translation>
    </message>
    <message>
        <source>Mount the CA bundle into the gateway and set SSL_CERT_FILE and REQUESTS_CA_BUNDLE to it. The gateway does not support a self-signed GitLab certificate: use a private CA.</source>
        <translation>Binden Sie das CA-Bündel in das Gateway ein und setzen Sie SSL_CERT_FILE und REQUESTS_CA_BUNDLE darauf. Das Gateway unterstützt kein selbstsigniertes GitLab-Zertifikat: verwenden Sie eine private CA.</translation>
    </message>
    <message>
        <source>The gateway image was built for another CPU architecture than the host's.</source>
        <translation>Das Gateway-Image wurde für eine andere CPU-Architektur gebaut als die des Hosts.</translation>
    </message>
    <message>
        <source>Run it with --platform linux/amd64 (emulated, slow) or on an amd64 host: docker run --platform linux/amd64 … {aigw_image}.</source>
        <translation>Starten Sie es mit --platform linux/amd64 (emuliert, langsam) oder auf einem amd64-Host: docker run --platform linux/amd64 … {aigw_image}.</translation>
    </message>
    <message>
        <source>The port is already taken on the host: "{message}". Another gateway container, or another service (the metrics port 8082 clashes with --network host).</source>
        <translation>Der Port ist auf dem Host schon belegt: „{message}“. Ein anderer Gateway-Container oder ein anderer Dienst (der Metrik-Port 8082 kollidiert mit --network host).</translation>
    </message>
    <message>
        <source>Stop the old container (docker ps; docker rm -f &lt;name&gt;) or pick free ports; with --network host also set -e AIGW_FASTAPI__METRICS_PORT=8083.</source>
        <translation>Beenden Sie den alten Container (docker ps; docker rm -f &lt;name&gt;) oder wählen Sie freie Ports; mit --network host setzen Sie außerdem -e AIGW_FASTAPI__METRICS_PORT=8083.</translation>
    </message>
    <message>
        <source>The gateway has no AWS credentials for Bedrock: "{message}".</source>
        <translation>Das Gateway hat keine AWS-Zugangsdaten für Bedrock: „{message}“.</translation>
    </message>
    <message>
        <source>Pass AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_REGION_NAME to the gateway container; Bedrock identifiers are bedrock/&lt;model id&gt; and need no endpoint.</source>
        <translation>Übergeben Sie AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY und AWS_REGION_NAME an den Gateway-Container; Bedrock-Bezeichner lauten bedrock/&lt;model id&gt; und brauchen keinen Endpunkt.</translation>
    </message>
    <message>
        <source>The gateway is newer than GitLab and refuses its requests (DCR4005).</source>
        <translation>Das Gateway ist neuer als GitLab und weist dessen Anfragen ab (DCR4005).</translation>
    </message>
    <message>
        <source>Run the gateway tag that matches GitLab ({aigw_image}), never latest.</source>
        <translation>Verwenden Sie das zu GitLab passende Gateway-Tag ({aigw_image}), nie latest.</translation>
    </message>
    <message>
        <source>The gateway's own troubleshooting script could not use the model: "{message}".</source>
        <translation>Das eigene Fehlersuchskript des Gateways konnte das Modell nicht verwenden: „{message}“.</translation>
    </message>
    <message>
        <source>Ask the model from inside the gateway container with the command below; then check the endpoint ({model_endpoint}, reachable from the container and ending in /v1), the identifier ({model_identifier}) and the API key.</source>
        <translation>Fragen Sie das Modell mit dem Befehl unten aus dem Gateway-Container heraus; prüfen Sie dann den Endpunkt ({model_endpoint}, vom Container aus erreichbar und auf /v1 endend), den Bezeichner ({model_identifier}) und den API-Schlüssel.</translation>
    </message>
    <message>
        <source>The license does not include Code Suggestions (GitLab Duo add-on).</source>
        <translation>Die Lizenz umfasst keine Code Suggestions (GitLab-Duo-Add-on).</translation>
    </message>
    <message>
        <source>Check the subscription under Admin &gt; Subscription and sync it; self-hosted models need GitLab Duo Enterprise (or the matching add-on) on Premium or Ultimate.</source>
        <translation>Prüfen Sie das Abonnement unter Admin &gt; Subscription und synchronisieren Sie es; selbst gehostete Modelle brauchen GitLab Duo Enterprise (oder das passende Add-on) auf Premium oder Ultimate.</translation>
    </message>
    <message>
        <source>GitLab reaches the host but does not trust its certificate: "{message}". A private CA or a TLS-inspecting proxy.</source>
        <translation>GitLab erreicht den Host, vertraut aber seinem Zertifikat nicht: „{message}“. Eine private CA oder ein TLS-inspizierender Proxy.</translation>
    </message>
    <message>
        <source>Put the CA certificate in /etc/gitlab/trusted-certs/ on the GitLab host, then sudo gitlab-ctl reconfigure.</source>
        <translation>Legen Sie das CA-Zertifikat auf dem GitLab-Host in /etc/gitlab/trusted-certs/ ab, dann sudo gitlab-ctl reconfigure.</translation>
    </message>
    <message>
        <source>Duo Chat error A1002: GitLab got no events back from the AI gateway, or could not read them. The gateway's call to the model failed, or the model's answer was not in a form the gateway understands.</source>
        <translation>Duo-Chat-Fehler A1002: GitLab hat vom AI Gateway keine Ereignisse zurückbekommen oder konnte sie nicht lesen. Der Aufruf des Modells durch das Gateway ist fehlgeschlagen, oder die Antwort des Modells hatte keine Form, die das Gateway versteht.</translation>
    </message>
    <message>
        <source>Find the model's error in the gateway's log at that time. If the model server streams answers the gateway cannot read, recreate the gateway with -e AIGW_CUSTOM_MODELS__DISABLE_STREAMING=true.</source>
        <translation>Suchen Sie den Fehler des Modells im Protokoll des Gateways zu diesem Zeitpunkt. Wenn der Modellserver Antworten streamt, die das Gateway nicht lesen kann, erstellen Sie das Gateway mit -e AIGW_CUSTOM_MODELS__DISABLE_STREAMING=true neu.</translation>
    </message>
    <message>
        <source>Duo Chat error A1004: the AI gateway failed while handling the request, often passing on the model server's own error.</source>
        <translation>Duo-Chat-Fehler A1004: Das AI Gateway ist bei der Bearbeitung der Anfrage gescheitert und hat dabei oft den eigenen Fehler des Modellservers weitergegeben.</translation>
    </message>
    <message>
        <source>Find the error in the gateway's log at that time; duo-doctor check asks the model the way the gateway does and names the cause.</source>
        <translation>Suchen Sie den Fehler im Protokoll des Gateways zu diesem Zeitpunkt; duo-doctor check fragt das Modell so, wie es das Gateway tut, und nennt die Ursache.</translation>
    </message>
    <message>
        <source>Duo Chat error A1005: the conversation no longer fits the model's context window (its maximum number of tokens).</source>
        <translation>Duo-Chat-Fehler A1005: Die Unterhaltung passt nicht mehr in das Kontextfenster des Modells (seine Höchstzahl an Tokens).</translation>
    </message>
    <message>
        <source>Start a new conversation with /new or /clear. If it happens after a few messages, the served context window is too small: start vLLM with a larger --max-model-len (duo-doctor check reports it as model.context_length).</source>
        <translation>Beginnen Sie eine neue Unterhaltung mit /new oder /clear. Geschieht es schon nach wenigen Nachrichten, ist das bereitgestellte Kontextfenster zu klein: Starten Sie vLLM mit einem größeren --max-model-len (duo-doctor check meldet es als model.context_length).</translation>
    </message>
    <message>
        <source>Duo Chat's agent gave up before it found an answer (A1006, A6000 or A9999). With a self-hosted model this often means the model does not follow the agent's tool-use format well enough.</source>
        <translation>Der Agent von Duo Chat hat aufgegeben, bevor er eine Antwort fand (A1006, A6000 oder A9999). Mit einem selbst gehosteten Modell heißt das oft, dass das Modell dem Werkzeugformat des Agenten nicht gut genug folgt.</translation>
    </message>
    <message>
        <source>Try a more specific prompt or /clear. If it keeps happening, use a model GitLab supports for Duo Chat (a larger instruct model) and read the model's answers in the gateway's log.</source>
        <translation>Versuchen Sie eine genauere Anfrage oder /clear. Geschieht es weiter, verwenden Sie ein Modell, das GitLab für Duo Chat unterstützt (ein größeres Instruct-Modell), und lesen Sie die Antworten des Modells im Protokoll des Gateways.</translation>
    </message>
    <message>
        <source>Duo Chat error A1007 or A1008: the GitLab Duo Agent Platform failed on the request; A1008 means the model provider behind the gateway (your model server) returned an error.</source>
        <translation>Duo-Chat-Fehler A1007 oder A1008: Die GitLab Duo Agent Platform ist an der Anfrage gescheitert; A1008 heißt, dass der Modellanbieter hinter dem Gateway (Ihr Modellserver) einen Fehler zurückgegeben hat.</translation>
    </message>
    <message>
        <source>Check the gateway's log and the model server's log at that time; duo-doctor check tells whether the model answers the gateway.</source>
        <translation>Prüfen Sie das Protokoll des Gateways und das des Modellservers zu diesem Zeitpunkt; duo-doctor check sagt, ob das Modell dem Gateway antwortet.</translation>
    </message>
    <message>
        <source>Duo Chat refused the user (M3004, M3006 or G3001): no GitLab Duo seat, or a GitLab Duo add-on that does not include Duo Chat.</source>
        <translation>Duo Chat hat den Benutzer abgewiesen (M3004, M3006 oder G3001): kein GitLab-Duo-Platz oder ein GitLab-Duo-Add-on, das Duo Chat nicht enthält.</translation>
    </message>
    <message>
        <source>Assign the user a GitLab Duo seat (Admin &gt; GitLab Duo &gt; Seat utilization) and make sure the add-on includes Duo Chat; duo-doctor check reports the seat as gitlab.duo_seat.</source>
        <translation>Weisen Sie dem Benutzer einen GitLab-Duo-Platz zu (Admin &gt; GitLab Duo &gt; Seat utilization) und stellen Sie sicher, dass das Add-on Duo Chat enthält; duo-doctor check meldet den Platz als gitlab.duo_seat.</translation>
    </message>
    <message>
        <source>Duo Chat error M3002: GitLab Duo is turned off for the group or project the question is about.</source>
        <translation>Duo-Chat-Fehler M3002: GitLab Duo ist für die Gruppe oder das Projekt ausgeschaltet, um die es in der Frage geht.</translation>
    </message>
    <message>
        <source>A group or project owner turns GitLab Duo on (Settings &gt; General &gt; GitLab Duo features); an administrator can do so for the instance (Admin &gt; GitLab Duo).</source>
        <translation>Eine Gruppen- oder Projekt-Ownerin bzw. ein -Owner schaltet GitLab Duo ein (Settings &gt; General &gt; GitLab Duo features); eine Administratorin oder ein Administrator kann es für die Instanz tun (Admin &gt; GitLab Duo).</translation>
    </message>
    <message>
        <source>Duo Chat error G3002: the user belongs to several GitLab Duo namespaces and has not chosen a default one.</source>
        <translation>Duo-Chat-Fehler G3002: Der Benutzer gehört zu mehreren GitLab-Duo-Namensräumen und hat keinen Standard gewählt.</translation>
    </message>
    <message>
        <source>The user picks a default GitLab Duo namespace in their preferences (User settings &gt; Preferences).</source>
        <translation>Der Benutzer wählt in seinen Einstellungen einen Standard-Namensraum für GitLab Duo (User settings &gt; Preferences).</translation>
    </message>
    <message>
        <source>GitLab's AI gateway URL is not a valid URL: it must start with http:// or https://.</source>
        <translation>Die AI-Gateway-URL von GitLab ist keine gültige URL: Sie muss mit http:// oder https:// beginnen.</translation>
    </message>
    <message>
        <source>GitLab skips a self-hosted model whose identifier does not start with custom_openai/ (or another provider prefix): the gateway would not know which protocol to speak.</source>
        <translation>GitLab überspringt ein selbst gehostetes Modell, dessen Bezeichner nicht mit custom_openai/ (oder einem anderen Anbieterpräfix) beginnt: Das Gateway wüsste nicht, welches Protokoll es sprechen soll.</translation>
    </message>
    <message>
        <source>Edit the model under Admin &gt; GitLab Duo &gt; Self-hosted models: set the identifier to custom_openai/ followed by an id from {models_url}.</source>
        <translation>Bearbeiten Sie das Modell unter Admin &gt; GitLab Duo &gt; Self-hosted models: Setzen Sie den Bezeichner auf custom_openai/, gefolgt von einer ID aus {models_url}.</translation>
    </message>
    <message>
        <source>The URL reaches a web server, but /api/v4/metadata is not GitLab's API there.</source>
        <translation>Die URL erreicht einen Webserver, aber /api/v4/metadata ist dort nicht die GitLab-API.</translation>
    </message>
    <message>
        <source>Use GitLab's external URL (the external_url in /etc/gitlab/gitlab.rb), including any relative path such as /gitlab.</source>
        <translation>Verwenden Sie GitLabs externe URL (external_url in /etc/gitlab/gitlab.rb), samt eines relativen Pfads wie /gitlab.</translation>
    </message>
    <message>
        <source>The token has neither the api nor the read_api scope: most checks cannot ask GitLab.</source>
        <translation>Das Token hat weder den Bereich api noch read_api: die meisten Prüfungen können GitLab nicht fragen.</translation>
    </message>
    <message>
        <source>Create a token with the read_api scope (api for GitLab's own connection check).</source>
        <translation>Erstellen Sie ein Token mit dem Bereich read_api (api für GitLabs eigene Verbindungsprüfung).</translation>
    </message>
    <message>
        <source>Code Suggestions with a self-hosted model need a GitLab Duo add-on (Duo Enterprise) with seats.</source>
        <translation>Code Suggestions mit einem selbst gehosteten Modell brauchen ein GitLab-Duo-Add-on (Duo Enterprise) mit Plätzen.</translation>
    </message>
    <message>
        <source>Activate GitLab Duo Enterprise on the subscription, then sync it (Admin &gt; Subscription &gt; Sync).</source>
        <translation>Aktivieren Sie GitLab Duo Enterprise im Abonnement und synchronisieren Sie es dann (Admin &gt; Subscription &gt; Sync).</translation>
    </message>
    <message>
        <source>Without a seat GitLab refuses the user's Code Suggestions requests.</source>
        <translation>Ohne Platz lehnt GitLab die Code-Suggestions-Anfragen des Benutzers ab.</translation>
    </message>
    <message>
        <source>All {purchased_seats} seats are taken: free one or buy more, then assign it to {gitlab_username} (Admin &gt; GitLab Duo &gt; Seat utilization).</source>
        <translation>Alle {purchased_seats} Plätze sind vergeben: geben Sie einen frei oder kaufen Sie weitere, dann weisen Sie ihn {gitlab_username} zu (Admin &gt; GitLab Duo &gt; Seat utilization).</translation>
    </message>
    <message>
        <source>Assign {gitlab_username} a seat: Admin &gt; GitLab Duo &gt; Seat utilization.</source>
        <translation>Weisen Sie {gitlab_username} einen Platz zu: Admin &gt; GitLab Duo &gt; Seat utilization.</translation>
    </message>
    <message>
        <source>The checks from this desktop test a model GitLab does not know, so they say nothing about GitLab's own requests.</source>
        <translation>Die Prüfungen von diesem Rechner testen ein Modell, das GitLab nicht kennt, und sagen daher nichts über GitLabs eigene Anfragen aus.</translation>
    </message>
    <message>
        <source>Pick GitLab's model on the Model page (or duo-doctor profiles import), or add it under Admin &gt; GitLab Duo &gt; Self-hosted models.</source>
        <translation>Wählen Sie GitLabs Modell auf der Modellseite (oder mit duo-doctor profiles import), oder fügen Sie es unter Admin &gt; GitLab Duo &gt; Self-hosted models hinzu.</translation>
    </message>
    <message>
        <source>GitLab sends its own settings to the gateway: the checks from this desktop test other values than GitLab uses.</source>
        <translation>GitLab schickt seine eigenen Einstellungen an das Gateway: die Prüfungen von diesem Rechner testen andere Werte, als GitLab verwendet.</translation>
    </message>
    <message>
        <source>Make them the same: change this setup (duo-doctor profiles import reads GitLab's), or edit the model in GitLab (Admin &gt; GitLab Duo &gt; Self-hosted models &gt; {gitlab_model}).</source>
        <translation>Gleichen Sie sie an: ändern Sie diese Einrichtung (duo-doctor profiles import liest die von GitLab), oder bearbeiten Sie das Modell in GitLab (Admin &gt; GitLab Duo &gt; Self-hosted models &gt; {gitlab_model}).</translation>
    </message>
    <message>
        <source>Inside a container, localhost, 127.0.0.1 and 0.0.0.0 are the container itself.</source>
        <translation>In einem Container sind localhost, 127.0.0.1 und 0.0.0.0 der Container selbst.</translation>
    </message>
    <message>
        <source>Prefer an address of the model host that the container can reach, or run the gateway with --network host.</source>
        <translation>Verwenden Sie lieber eine Adresse des Modell-Hosts, die der Container erreicht, oder starten Sie das Gateway mit --network host.</translation>
    </message>
    <message>
        <source>Code generation sends the code around the cursor with its instructions and asks for a few hundred tokens back; with less than {recommended_tokens} tokens, larger files fail with "maximum context length".</source>
        <translation>Die Codegenerierung sendet den Code um den Cursor samt Anweisungen und verlangt einige hundert Token zurück; mit weniger als {recommended_tokens} Token scheitern größere Dateien mit „maximum context length“.</translation>
    </message>
    <message>
        <source>Start vLLM with --max-model-len {recommended_tokens} or more (memory permitting), or serve a model with a longer context.</source>
        <translation>Starten Sie vLLM mit --max-model-len {recommended_tokens} oder mehr (sofern der Speicher reicht), oder stellen Sie ein Modell mit längerem Kontext bereit.</translation>
    </message>
    <message>
        <source>Longer files and busier hours make answers slower: at half of GitLab's timeout, some code generation requests will time out (Duo Chat error A1000, Net::ReadTimeout in llm.log).</source>
        <translation>Längere Dateien und Stoßzeiten machen die Antworten langsamer: schon bei der Hälfte von GitLabs Timeout laufen manche Codegenerierungsanfragen in den Timeout (Duo-Chat-Fehler A1000, Net::ReadTimeout in llm.log).</translation>
    </message>
    <message>
        <source>Only the host name differs: GitLab may know the gateway by an internal name. Make sure both names point to the same gateway.</source>
        <translation>Nur der Hostname unterscheidet sich: GitLab kennt das Gateway vielleicht unter einem internen Namen. Stellen Sie sicher, dass beide Namen auf dasselbe Gateway zeigen.</translation>
    </message>
    <message>
        <source>None of the vLLM, Ollama, LiteLLM, TGI or llama.cpp fingerprints matched; fixes stay generic.</source>
        <translation>Keiner der Fingerabdrücke von vLLM, Ollama, LiteLLM, TGI oder llama.cpp passte; die Behebungen bleiben allgemein.</translation>
    </message>
    <message>
        <source>Enter the model&apos;s API key in GitLab (Admin &gt; GitLab Duo &gt; Self-hosted models &gt; {gitlab_model}).</source>
        <translation>Geben Sie den API-Schlüssel des Modells in GitLab ein (Admin &gt; GitLab Duo &gt; Self-hosted models &gt; {gitlab_model}).</translation>
    </message>
    <message>
        <source>GitLab sends no API key to the model, while this setup uses one: a model server that needs a key rejects GitLab&apos;s requests although the checks from this desktop pass.</source>
        <translation>GitLab sendet dem Modell keinen API-Schlüssel, während diese Einrichtung einen verwendet: Ein Modellserver, der einen Schlüssel verlangt, lehnt GitLabs Anfragen ab, obwohl die Prüfungen von diesem Rechner aus bestehen.</translation>
    </message>
    <message>
        <source>Nothing to change when {gitlab_gateway_url} and {gateway_url} are the same gateway; otherwise set GitLab&apos;s AI gateway URL (Admin &gt; GitLab Duo) to the gateway you mean.</source>
        <translation>Nichts zu ändern, wenn {gitlab_gateway_url} und {gateway_url} dasselbe Gateway sind; andernfalls setzen Sie GitLabs AI-Gateway-URL (Admin &gt; GitLab Duo) auf das gemeinte Gateway.</translation>
    </message>
    <message>
        <source>Nothing to do while the other model checks pass. If they fail, name the server (and its version) when you ask for help: its own documentation has the flags for an OpenAI-compatible API at {model_endpoint}.</source>
        <translation>Nichts zu tun, solange die anderen Modellprüfungen bestehen. Schlagen sie fehl, nennen Sie den Server (und seine Version), wenn Sie um Hilfe bitten: Seine eigene Dokumentation nennt die Optionen für eine OpenAI-kompatible API unter {model_endpoint}.</translation>
    </message>
    <message>
        <source>The Agent Platform service runs in the gateway container, but its token keys are not usable: {message}. Agentic Chat and flows then fail with &quot;Token creation failed&quot;.</source>
        <translation>Der Agent-Platform-Dienst läuft im Gateway-Container, aber seine Token-Schlüssel sind nicht verwendbar: {message}. Agentic Chat und Flows scheitern dann mit „Token creation failed“.</translation>
    </message>
    <message>
        <source>Make four RSA-2048 keys and pass each whole PEM file (BEGIN and END lines included) as AIGW_SELF_SIGNED_JWT__SIGNING_KEY, AIGW_SELF_SIGNED_JWT__VALIDATION_KEY, DUO_WORKFLOW_SELF_SIGNED_JWT__SIGNING_KEY and DUO_WORKFLOW_SELF_SIGNED_JWT__VALIDATION_KEY, with DUO_WORKFLOW_AUTH__ENABLED=true, then recreate the container.</source>
        <translation>Erzeugen Sie vier RSA-2048-Schlüssel und übergeben Sie jede PEM-Datei vollständig (samt BEGIN- und END-Zeile) als AIGW_SELF_SIGNED_JWT__SIGNING_KEY, AIGW_SELF_SIGNED_JWT__VALIDATION_KEY, DUO_WORKFLOW_SELF_SIGNED_JWT__SIGNING_KEY und DUO_WORKFLOW_SELF_SIGNED_JWT__VALIDATION_KEY, mit DUO_WORKFLOW_AUTH__ENABLED=true, und erstellen Sie den Container neu.</translation>
    </message>
    <message>
        <source>{message} hold a PEM key on one line, its line breaks written as \n: the service may not read it.</source>
        <translation>{message} enthält einen PEM-Schlüssel in einer Zeile, die Zeilenumbrüche als \n geschrieben: der Dienst liest ihn womöglich nicht.</translation>
    </message>
    <message>
        <source>Pass the key file&apos;s content with its real line breaks: -e NAME=&quot;$(cat key.pem)&quot; for Docker, a Secret made with --from-file for Kubernetes.</source>
        <translation>Übergeben Sie den Inhalt der Schlüsseldatei mit echten Zeilenumbrüchen: -e NAME=&quot;$(cat key.pem)&quot; für Docker, ein mit --from-file erzeugtes Secret für Kubernetes.</translation>
    </message>
    <message>
        <source>The signing keys are set, but DUO_WORKFLOW_AUTH__ENABLED is &quot;{message}&quot;, not true: the Agent Platform service does not check who calls it.</source>
        <translation>Die Signaturschlüssel sind gesetzt, aber DUO_WORKFLOW_AUTH__ENABLED ist „{message}“, nicht true: der Agent-Platform-Dienst prüft nicht, wer ihn aufruft.</translation>
    </message>
    <message>
        <source>Recreate the gateway container with -e DUO_WORKFLOW_AUTH__ENABLED=true.</source>
        <translation>Erstellen Sie den Gateway-Container mit -e DUO_WORKFLOW_AUTH__ENABLED=true neu.</translation>
    </message>
    <message>
        <source>The customer portal URLs are not what an offline license needs: {message}. Without both set to GitLab&apos;s URL, each request waits about 20 seconds and the Agent Platform service may stop at start (&quot;Could not prefetch keys&quot;).</source>
        <translation>Die URLs des Kundenportals sind nicht, was eine Offline-Lizenz braucht: {message}. Ohne beide auf GitLabs URL wartet jede Anfrage etwa 20 Sekunden, und der Agent-Platform-Dienst kann beim Start abbrechen („Could not prefetch keys“).</translation>
    </message>
    <message>
        <source>With an offline (air-gapped) license, set both AIGW_CUSTOMER_PORTAL_URL and DUO_WORKFLOW_AUTH__OIDC_CUSTOMER_PORTAL_URL to {gitlab_url}; with an online license, leave both unset.</source>
        <translation>Mit einer Offline-Lizenz (air-gapped) setzen Sie AIGW_CUSTOMER_PORTAL_URL und DUO_WORKFLOW_AUTH__OIDC_CUSTOMER_PORTAL_URL beide auf {gitlab_url}; mit einer Online-Lizenz lassen Sie beide ungesetzt.</translation>
    </message>
    <message>
        <source>{message}: every TLS connection of the gateway that relies on it fails.</source>
        <translation>{message}: jede TLS-Verbindung des Gateways, die darauf angewiesen ist, scheitert.</translation>
    </message>
    <message>
        <source>Mount the CA bundle into the container (docker run -v /etc/ssl/custom-ca.pem:/etc/ssl/custom-ca.pem:ro) and point SSL_CERT_FILE and REQUESTS_CA_BUNDLE at that path.</source>
        <translation>Binden Sie das CA-Bündel in den Container ein (docker run -v /etc/ssl/custom-ca.pem:/etc/ssl/custom-ca.pem:ro) und lassen Sie SSL_CERT_FILE und REQUESTS_CA_BUNDLE auf diesen Pfad zeigen.</translation>
    </message>
    <message>
        <source>The gateway&apos;s CA settings are incomplete: {message}.</source>
        <translation>Die CA-Einstellungen des Gateways sind unvollständig: {message}.</translation>
    </message>
    <message>
        <source>Set SSL_CERT_FILE and REQUESTS_CA_BUNDLE both to one bundle that holds your private CA and the public roots (for example the system bundle with your CA appended).</source>
        <translation>Setzen Sie SSL_CERT_FILE und REQUESTS_CA_BUNDLE beide auf ein Bündel, das Ihre private CA und die öffentlichen Wurzeln enthält (etwa das Systembündel mit angehängter CA).</translation>
    </message>
    <message>
        <source>The gateway runs {message}, GitLab is {gitlab_version}: a gateway older or newer than GitLab&apos;s minor version fails in ways that are hard to trace.</source>
        <translation>Das Gateway läuft mit {message}, GitLab ist {gitlab_version}: ein Gateway, das älter oder neuer als GitLabs Minor-Version ist, scheitert auf schwer nachvollziehbare Weise.</translation>
    </message>
    <message>
        <source>Run the newest self-hosted tag of GitLab&apos;s major.minor version ({aigw_image} or a later patch of it), never latest or a nightly image.</source>
        <translation>Verwenden Sie das neueste self-hosted-Tag von GitLabs Major.Minor-Version ({aigw_image} oder einen späteren Patch davon), nie latest oder ein Nightly-Image.</translation>
    </message>
    <message>
        <source>Inside the gateway container the Agent Platform service does not answer its gRPC health call: {message}.</source>
        <translation>Im Gateway-Container beantwortet der Agent-Platform-Dienst seinen gRPC-Zustandsaufruf nicht: {message}.</translation>
    </message>
    <message>
        <source>Read the container&apos;s log for duo-workflow-service errors (keys, &quot;Could not prefetch keys&quot;, the customer portal URLs); it needs ENABLE_DUO_WORKFLOW_SERVICE=true, at least 2 CPUs, and listens on 50052 (PORT).</source>
        <translation>Suchen Sie im Protokoll des Containers nach Fehlern von duo-workflow-service (Schlüssel, „Could not prefetch keys“, URLs des Kundenportals); er braucht ENABLE_DUO_WORKFLOW_SERVICE=true und mindestens 2 CPUs und lauscht auf 50052 (PORT).</translation>
    </message>
    <message>
        <source>Inside the gateway container the Agent Platform service answers its health call with {message}: it is up but not ready to serve.</source>
        <translation>Im Gateway-Container beantwortet der Agent-Platform-Dienst seinen Zustandsaufruf mit {message}: er läuft, ist aber nicht bereit.</translation>
    </message>
    <message>
        <source>Read the container&apos;s log for the component that failed at start (token keys, GitLab&apos;s OIDC keys, the model), fix it and restart the container.</source>
        <translation>Suchen Sie im Protokoll des Containers die Komponente, die beim Start scheiterte (Token-Schlüssel, GitLabs OIDC-Schlüssel, das Modell), beheben Sie das und starten Sie den Container neu.</translation>
    </message>
    <message>
        <source>The Agent Platform service answers inside the container, but has no gRPC health service (UNIMPLEMENTED): its health cannot be read this way.</source>
        <translation>Der Agent-Platform-Dienst antwortet im Container, hat aber keinen gRPC-Zustandsdienst (UNIMPLEMENTED): sein Zustand lässt sich so nicht lesen.</translation>
    </message>
    <message>
        <source>Nothing to change if Agentic Chat works; otherwise use gitlab-rake gitlab:duo:verify_self_hosted_setup, which calls the service the way GitLab does.</source>
        <translation>Nichts zu ändern, wenn Agentic Chat funktioniert; sonst verwenden Sie gitlab-rake gitlab:duo:verify_self_hosted_setup, das den Dienst so aufruft wie GitLab.</translation>
    </message>
    <message>
        <source>Duo Chat error M2000: no documentation matched the question.</source>
        <translation>Duo-Chat-Fehler M2000: Keine Dokumentation passte zur Frage.</translation>
    </message>
    <message>
        <source>Rephrase the question. Offline, documentation questions need GitLab&apos;s documentation search; nothing is wrong with the model.</source>
        <translation>Formulieren Sie die Frage um. Offline brauchen Fragen zur Dokumentation GitLabs Dokumentationssuche; am Modell liegt es nicht.</translation>
    </message>
    <message>
        <source>Duo Chat error M3003: the items asked about do not exist, the user cannot see them, or the session expired.</source>
        <translation>Duo-Chat-Fehler M3003: Die erfragten Objekte existieren nicht, der Benutzer darf sie nicht sehen, oder die Sitzung ist abgelaufen.</translation>
    </message>
    <message>
        <source>Ask about items the user can open in GitLab; if it persists, sign out and in again.</source>
        <translation>Fragen Sie nach Objekten, die der Benutzer in GitLab öffnen kann; bleibt es dabei, ab- und wieder anmelden.</translation>
    </message>
    <message>
        <source>Duo Chat error M3005: the tool the question needs is not part of the GitLab Duo add-on (Duo Pro instead of Duo Enterprise).</source>
        <translation>Duo-Chat-Fehler M3005: Das Werkzeug, das die Frage braucht, gehört nicht zum GitLab-Duo-Add-on (Duo Pro statt Duo Enterprise).</translation>
    </message>
    <message>
        <source>Check the add-on under Admin &gt; Subscription; the tool needs GitLab Duo Enterprise.</source>
        <translation>Prüfen Sie das Add-on unter Admin &gt; Subscription; das Werkzeug braucht GitLab Duo Enterprise.</translation>
    </message>
    <message>
        <source>Duo Chat error M4000, M4001, M4002 or M5000: GitLab failed while preparing the question (a slash command, finding the item&apos;s data, a CI/CD question, or the item&apos;s content).</source>
        <translation>Duo-Chat-Fehler M4000, M4001, M4002 oder M5000: GitLab scheiterte beim Vorbereiten der Frage (ein Slash-Befehl, die Daten des Objekts, eine CI/CD-Frage oder der Inhalt des Objekts).</translation>
    </message>
    <message>
        <source>Ask again; check a slash command&apos;s syntax (/tests, /refactor, /fix, /explain). If it keeps failing, look in llm.log for the request&apos;s correlation_id.</source>
        <translation>Erneut fragen; die Syntax eines Slash-Befehls prüfen (/tests, /refactor, /fix, /explain). Scheitert es weiter, in llm.log nach der correlation_id der Anfrage suchen.</translation>
    </message>
    <message>
        <source>Duo Chat error M4003, M4004 or M4005: the command was used where it cannot work (Explain Vulnerability outside a SAST vulnerability page, Summarize Discussion without comments, Troubleshoot job without a failed job log).</source>
        <translation>Duo-Chat-Fehler M4003, M4004 oder M4005: Der Befehl wurde dort benutzt, wo er nicht funktioniert (Explain Vulnerability außerhalb einer SAST-Schwachstelle, Summarize Discussion ohne Kommentare, Troubleshoot job ohne fehlgeschlagenes Job-Protokoll).</translation>
    </message>
    <message>
        <source>Run the command from the page it belongs to: a SAST vulnerability&apos;s detail page, a discussion with comments, a failed job&apos;s log.</source>
        <translation>Den Befehl auf der Seite ausführen, zu der er gehört: Detailseite einer SAST-Schwachstelle, eine Diskussion mit Kommentaren, das Protokoll eines fehlgeschlagenen Jobs.</translation>
    </message>
    <message>
        <source>Code Review flow error DCR4011: no runner can run the flow. Flows need an instance or top-level group runner tagged gitlab--duo with a Docker or Kubernetes executor (not shell).</source>
        <translation>Code-Review-Flow-Fehler DCR4011: Kein Runner kann den Flow ausführen. Flows brauchen einen Instanz- oder Top-Level-Gruppen-Runner mit dem Tag gitlab--duo und einem Docker- oder Kubernetes-Executor (nicht shell).</translation>
    </message>
    <message>
        <source>Register such a runner (gitlab-runner register --executor docker --tag-list gitlab--duo) at the instance or the top-level group; GET {gitlab_api_url}/runners/all?tag_list=gitlab--duo lists them.</source>
        <translation>Registrieren Sie einen solchen Runner (gitlab-runner register --executor docker --tag-list gitlab--duo) für die Instanz oder die Top-Level-Gruppe; GET {gitlab_api_url}/runners/all?tag_list=gitlab--duo listet sie.</translation>
    </message>
    <message>
        <source>Code Review flow error DCR4005: GitLab could not create the tokens the flow needs for the AI gateway and GitLab&apos;s API.</source>
        <translation>Code-Review-Flow-Fehler DCR4005: GitLab konnte die Token nicht erzeugen, die der Flow für das AI Gateway und GitLabs API braucht.</translation>
    </message>
    <message>
        <source>Assign a model to &quot;Agents &amp; flows&quot; (Admin &gt; GitLab Duo &gt; Self-hosted models; gitlab-org/gitlab#631401), run the gateway image matching GitLab ({aigw_image}) with its JWT signing keys, and sync the subscription.</source>
        <translation>Weisen Sie „Agents &amp; flows“ ein Modell zu (Admin &gt; GitLab Duo &gt; Self-hosted models; gitlab-org/gitlab#631401), betreiben Sie das zu GitLab passende Gateway-Image ({aigw_image}) mit seinen JWT-Signaturschlüsseln und synchronisieren Sie das Abonnement.</translation>
    </message>
    <message>
        <source>Code Review flow error DCR4000, DCR4001 or DCR4007: the flow is turned off for the project or group, or its service account is missing.</source>
        <translation>Code-Review-Flow-Fehler DCR4000, DCR4001 oder DCR4007: Der Flow ist für das Projekt oder die Gruppe ausgeschaltet, oder sein Dienstkonto fehlt.</translation>
    </message>
    <message>
        <source>A top-level group owner turns on foundational flows and the Code Review flow; an administrator checks that the flow&apos;s service account exists and can be added to the project.</source>
        <translation>Ein Besitzer der Top-Level-Gruppe schaltet die Foundational Flows und den Code-Review-Flow ein; ein Administrator prüft, dass das Dienstkonto des Flows existiert und dem Projekt hinzugefügt werden kann.</translation>
    </message>
    <message>
        <source>Code Review flow error DCR4003, DCR4004 or DCR4006: the user may not create pipelines, has no default GitLab Duo namespace, or the service account cannot join the project.</source>
        <translation>Code-Review-Flow-Fehler DCR4003, DCR4004 oder DCR4006: Der Benutzer darf keine Pipelines erstellen, hat keinen Standard-Namensraum für GitLab Duo, oder das Dienstkonto kann dem Projekt nicht beitreten.</translation>
    </message>
    <message>
        <source>Give the user a role that may run pipelines, have them set a default GitLab Duo namespace (User settings &gt; Preferences), and let the service account join the project as Developer (group membership lock).</source>
        <translation>Geben Sie dem Benutzer eine Rolle, die Pipelines ausführen darf, lassen Sie ihn einen Standard-Namensraum für GitLab Duo wählen (User settings &gt; Preferences) und das Dienstkonto dem Projekt als Developer beitreten (Sperre der Gruppenmitgliedschaft).</translation>
    </message>
    <message>
        <source>Code Review flow error DCR4002 or DCR4012: no GitLab Credits or compute minutes are left for this billing period.</source>
        <translation>Code-Review-Flow-Fehler DCR4002 oder DCR4012: Für diesen Abrechnungszeitraum sind keine GitLab Credits oder Rechenminuten mehr übrig.</translation>
    </message>
    <message>
        <source>Someone with billing access adds credits or compute minutes; a project or top-level group runner is not affected by compute minutes.</source>
        <translation>Jemand mit Abrechnungszugriff fügt Credits oder Rechenminuten hinzu; ein Runner des Projekts oder der Top-Level-Gruppe ist von Rechenminuten nicht betroffen.</translation>
    </message>
    <message>
        <source>Code Review flow error DCR4008, DCR4009, DCR4010, DCR5000 or DCR5001: the flow could not create its pipeline, read the source branch, start, or post its comments.</source>
        <translation>Code-Review-Flow-Fehler DCR4008, DCR4009, DCR4010, DCR5000 oder DCR5001: Der Flow konnte seine Pipeline nicht erstellen, den Quell-Branch nicht lesen, nicht starten oder seine Kommentare nicht veröffentlichen.</translation>
    </message>
    <message>
        <source>Request a new review. If it fails again, check that a gitlab--duo runner picks up the flow&apos;s job and look at the job&apos;s log.</source>
        <translation>Fordern Sie ein neues Review an. Scheitert es wieder, prüfen Sie, dass ein gitlab--duo-Runner den Job des Flows annimmt, und lesen Sie das Job-Protokoll.</translation>
    </message>
    <message>
        <source>GitLab does not trust the certificate of {gateway_host}: &quot;{message}&quot;.</source>
        <translation>GitLab vertraut dem Zertifikat von {gateway_host} nicht: „{message}“.</translation>
    </message>
    <message>
        <source>Copy the CA certificate that signed the gateway&apos;s certificate into /etc/gitlab/trusted-certs/ on the GitLab host, then sudo gitlab-ctl reconfigure (Helm: global.certificates.customCAs).</source>
        <translation>Kopieren Sie das CA-Zertifikat, das das Zertifikat des Gateways signiert hat, auf dem GitLab-Host nach /etc/gitlab/trusted-certs/ und führen Sie dann sudo gitlab-ctl reconfigure aus (Helm: global.certificates.customCAs).</translation>
    </message>
    <message>
        <source>Sidekiq reports &quot;Header mismatch &apos;X-Gitlab-Instance-Id&apos;&quot;: the license&apos;s activation code was used on another instance, or a new one was used here.</source>
        <translation>Sidekiq meldet „Header mismatch &apos;X-Gitlab-Instance-Id&apos;“: Der Aktivierungscode der Lizenz wurde auf einer anderen Instanz benutzt, oder hier wurde ein neuer benutzt.</translation>
    </message>
    <message>
        <source>Ask GitLab Support for a new activation code for this instance, activate it (Admin &gt; Subscription), then sync the subscription.</source>
        <translation>Bitten Sie den GitLab-Support um einen neuen Aktivierungscode für diese Instanz, aktivieren Sie ihn (Admin &gt; Subscription) und synchronisieren Sie dann das Abonnement.</translation>
    </message>
    <message>
        <source>&quot;Token creation failed&quot;: the gateway or the Agent Platform service has no JWT signing keys to sign its tokens with.</source>
        <translation>„Token creation failed“: Das Gateway oder der Agent-Platform-Dienst hat keine JWT-Signaturschlüssel, um seine Token zu signieren.</translation>
    </message>
    <message>
        <source>Generate two RSA-2048 key pairs (openssl genrsa 2048) and pass them as AIGW_SELF_SIGNED_JWT__SIGNING_KEY, AIGW_SELF_SIGNED_JWT__VALIDATION_KEY, DUO_WORKFLOW_SELF_SIGNED_JWT__SIGNING_KEY and DUO_WORKFLOW_SELF_SIGNED_JWT__VALIDATION_KEY, with DUO_WORKFLOW_AUTH__ENABLED=true, then recreate the container.</source>
        <translation>Erzeugen Sie zwei RSA-2048-Schlüsselpaare (openssl genrsa 2048) und übergeben Sie sie als AIGW_SELF_SIGNED_JWT__SIGNING_KEY, AIGW_SELF_SIGNED_JWT__VALIDATION_KEY, DUO_WORKFLOW_SELF_SIGNED_JWT__SIGNING_KEY und DUO_WORKFLOW_SELF_SIGNED_JWT__VALIDATION_KEY, mit DUO_WORKFLOW_AUTH__ENABLED=true; erstellen Sie dann den Container neu.</translation>
    </message>
    <message>
        <source>The gateway could not fetch GitLab&apos;s signing keys because of the network, not because of a key: &quot;{message}&quot;. Name resolution, a refused connection or an untrusted certificate between the gateway and {gitlab_url}.</source>
        <translation>Das Gateway konnte GitLabs Signaturschlüssel wegen des Netzwerks nicht abrufen, nicht wegen eines Schlüssels: „{message}“. Namensauflösung, eine abgelehnte Verbindung oder ein nicht vertrauenswürdiges Zertifikat zwischen dem Gateway und {gitlab_url}.</translation>
    </message>
    <message>
        <source>Check AIGW_GITLAB_URL={gitlab_url} in the container, that its name resolves there (DNS, --add-host), and that GitLab&apos;s CA is in REQUESTS_CA_BUNDLE and SSL_CERT_FILE; then curl &quot;$AIGW_GITLAB_API_URL/projects&quot; from inside it.</source>
        <translation>Prüfen Sie AIGW_GITLAB_URL={gitlab_url} im Container, dass der Name dort aufgelöst wird (DNS, --add-host) und dass GitLabs CA in REQUESTS_CA_BUNDLE und SSL_CERT_FILE steht; dann curl &quot;$AIGW_GITLAB_API_URL/projects&quot; im Container.</translation>
    </message>
    <message>
        <source>The gateway&apos;s key cache is incomplete: &quot;{message}&quot;. One of its key providers (GitLab, or the customer portal) did not answer, so tokens it signed are rejected.</source>
        <translation>Der Schlüssel-Cache des Gateways ist unvollständig: „{message}“. Einer seiner Schlüssellieferanten (GitLab oder das Kundenportal) antwortete nicht, daher werden damit signierte Token abgelehnt.</translation>
    </message>
    <message>
        <source>Make GitLab reachable from the container (AIGW_GITLAB_URL={gitlab_url}); offline licenses also need AIGW_CUSTOMER_PORTAL_URL and DUO_WORKFLOW_AUTH__OIDC_CUSTOMER_PORTAL_URL set to {gitlab_url}. Restart the gateway to refill the cache.</source>
        <translation>Machen Sie GitLab vom Container aus erreichbar (AIGW_GITLAB_URL={gitlab_url}); Offline-Lizenzen brauchen außerdem AIGW_CUSTOMER_PORTAL_URL und DUO_WORKFLOW_AUTH__OIDC_CUSTOMER_PORTAL_URL auf {gitlab_url}. Starten Sie das Gateway neu, um den Cache zu füllen.</translation>
    </message>
    <message>
        <source>The Agent Platform service has no customer portal to fetch keys from: &quot;{message}&quot;. Offline (air-gapped) licenses need the portal URL pointed at GitLab (gitlab-org/gitlab#598137).</source>
        <translation>Der Agent-Platform-Dienst hat kein Kundenportal, von dem er Schlüssel holen kann: „{message}“. Offline-Lizenzen (air-gapped) brauchen die Portal-URL auf GitLab gesetzt (gitlab-org/gitlab#598137).</translation>
    </message>
    <message>
        <source>Recreate the container with -e DUO_WORKFLOW_AUTH__OIDC_CUSTOMER_PORTAL_URL={gitlab_url} -e AIGW_CUSTOMER_PORTAL_URL={gitlab_url}.</source>
        <translation>Erstellen Sie den Container neu mit -e DUO_WORKFLOW_AUTH__OIDC_CUSTOMER_PORTAL_URL={gitlab_url} -e AIGW_CUSTOMER_PORTAL_URL={gitlab_url}.</translation>
    </message>
    <message>
        <source>gRPC ResourceExhausted: the headers of a call to the Agent Platform service are larger than gRPC accepts (&quot;received metadata size exceeds hard limit&quot;).</source>
        <translation>gRPC ResourceExhausted: Die Header eines Aufrufs an den Agent-Platform-Dienst sind größer, als gRPC annimmt („received metadata size exceeds hard limit“).</translation>
    </message>
    <message>
        <source>Run the gateway image matching GitLab ({aigw_image}); a proxy or load balancer in between must pass gRPC unchanged and add no cookies or large headers.</source>
        <translation>Betreiben Sie das zu GitLab passende Gateway-Image ({aigw_image}); ein Proxy oder Load Balancer dazwischen muss gRPC unverändert durchlassen und keine Cookies oder großen Header hinzufügen.</translation>
    </message>
    <message>
        <source>&quot;Workflow failed to complete it&quot;: the Agent Platform cannot run a flow in a repository without commits.</source>
        <translation>„Workflow failed to complete it“: Die Agent Platform kann keinen Flow in einem Repository ohne Commits ausführen.</translation>
    </message>
    <message>
        <source>Push a first commit to the project&apos;s default branch, then start the flow again.</source>
        <translation>Pushen Sie einen ersten Commit auf den Standard-Branch des Projekts und starten Sie den Flow dann erneut.</translation>
    </message>
    <message>
        <source>The Agent Platform&apos;s WebSocket to /api/v4/ai/duo_workflows/ws closed abnormally (1006) or was not found (404): a proxy in front of GitLab does not pass the WebSocket upgrade.</source>
        <translation>Der WebSocket der Agent Platform zu /api/v4/ai/duo_workflows/ws wurde abnormal geschlossen (1006) oder nicht gefunden (404): Ein Proxy vor GitLab leitet das WebSocket-Upgrade nicht weiter.</translation>
    </message>
    <message>
        <source>In the proxy in front of {gitlab_url} (nginx): proxy_http_version 1.1; proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection &quot;upgrade&quot;; and a proxy_read_timeout long enough for a session. TLS-inspecting proxies must exempt GitLab.</source>
        <translation>Im Proxy vor {gitlab_url} (nginx): proxy_http_version 1.1; proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection &quot;upgrade&quot;; und ein proxy_read_timeout, der für eine Sitzung reicht. TLS-inspizierende Proxys müssen GitLab ausnehmen.</translation>
    </message>
    <message>
        <source>The runner (or git in the flow&apos;s job) does not trust GitLab&apos;s certificate: &quot;{message}&quot;.</source>
        <translation>Der Runner (oder git im Job des Flows) vertraut GitLabs Zertifikat nicht: „{message}“.</translation>
    </message>
    <message>
        <source>Give the runner GitLab&apos;s CA: tls-ca-file in the runner&apos;s config.toml ([[runners]]) or /etc/gitlab-runner/certs/{gitlab_host}.crt, and GIT_SSL_CAINFO (or CI_SERVER_TLS_CA_FILE) in the job&apos;s environment.</source>
        <translation>Geben Sie dem Runner GitLabs CA: tls-ca-file in der config.toml des Runners ([[runners]]) oder /etc/gitlab-runner/certs/{gitlab_host}.crt, und GIT_SSL_CAINFO (oder CI_SERVER_TLS_CA_FILE) in der Umgebung des Jobs.</translation>
    </message>
    <message>
        <source>Bedrock does not serve this model on demand: &quot;{message}&quot;.</source>
        <translation>Bedrock bedient dieses Modell nicht auf Abruf: „{message}“.</translation>
    </message>
    <message>
        <source>Use an inference profile instead of the bare model id: the identifier bedrock/ followed by the id with its region prefix (us., eu., apac. or global.), e.g. bedrock/us.anthropic.claude-3-5-sonnet-20241022-v2:0.</source>
        <translation>Verwenden Sie ein Inferenzprofil statt der reinen Modell-ID: den Bezeichner bedrock/ gefolgt von der ID mit Regionspräfix (us., eu., apac. oder global.), z. B. bedrock/us.anthropic.claude-3-5-sonnet-20241022-v2:0.</translation>
    </message>
    <message>
        <source>Bedrock refuses Anthropic&apos;s models until the account has submitted the model&apos;s use-case form: &quot;{message}&quot;.</source>
        <translation>Bedrock verweigert Anthropics Modelle, bis das Konto das Anwendungsfall-Formular des Modells eingereicht hat: „{message}“.</translation>
    </message>
    <message>
        <source>Submit the use-case details in the Bedrock console (Model access) for this AWS account; it takes about 15 minutes to take effect.</source>
        <translation>Reichen Sie die Angaben zum Anwendungsfall in der Bedrock-Konsole (Model access) für dieses AWS-Konto ein; es wirkt nach etwa 15 Minuten.</translation>
    </message>
    <message>
        <source>AWS denied the gateway&apos;s call to Bedrock: &quot;{message}&quot;.</source>
        <translation>AWS verweigerte den Aufruf des Gateways an Bedrock: „{message}“.</translation>
    </message>
    <message>
        <source>Grant the gateway&apos;s IAM identity bedrock:InvokeModel and bedrock:InvokeModelWithResponseStream on the model (or inference profile) and enable the model under Model access in the same region as AWS_REGION.</source>
        <translation>Geben Sie der IAM-Identität des Gateways bedrock:InvokeModel und bedrock:InvokeModelWithResponseStream auf das Modell (oder Inferenzprofil) und aktivieren Sie das Modell unter Model access in derselben Region wie AWS_REGION.</translation>
    </message>
    <message>
        <source>Bedrock throttled the gateway (ThrottlingException): the account&apos;s quota for the model is used up.</source>
        <translation>Bedrock hat das Gateway gedrosselt (ThrottlingException): Das Kontingent des Kontos für das Modell ist aufgebraucht.</translation>
    </message>
    <message>
        <source>Request a higher quota in AWS Service Quotas, or use a cross-region inference profile (us., eu., global.).</source>
        <translation>Beantragen Sie ein höheres Kontingent in AWS Service Quotas oder verwenden Sie ein regionsübergreifendes Inferenzprofil (us., eu., global.).</translation>
    </message>
    <message>
        <source>The gateway could not assume the model&apos;s IAM role: &quot;{message}&quot;.</source>
        <translation>Das Gateway konnte die IAM-Rolle des Modells nicht annehmen: „{message}“.</translation>
    </message>
    <message>
        <source>Let the gateway&apos;s own identity call sts:AssumeRole on that role, and the role&apos;s trust policy name the gateway&apos;s identity.</source>
        <translation>Erlauben Sie der eigenen Identität des Gateways sts:AssumeRole auf diese Rolle, und lassen Sie die Vertrauensrichtlinie der Rolle die Identität des Gateways nennen.</translation>
    </message>
    <message>
        <source>Azure OpenAI has no deployment of that name (DeploymentNotFound): &quot;{message}&quot;.</source>
        <translation>Azure OpenAI hat kein Deployment dieses Namens (DeploymentNotFound): „{message}“.</translation>
    </message>
    <message>
        <source>Set the identifier to azure/ followed by the deployment&apos;s name (not the model&apos;s), AZURE_API_BASE to https://&lt;resource&gt;.openai.azure.com without /openai/..., and AZURE_API_VERSION to an API version, not a model version.</source>
        <translation>Setzen Sie den Bezeichner auf azure/ gefolgt vom Namen des Deployments (nicht des Modells), AZURE_API_BASE auf https://&lt;resource&gt;.openai.azure.com ohne /openai/... und AZURE_API_VERSION auf eine API-Version, nicht auf eine Modellversion.</translation>
    </message>
    <message>
        <source>Azure OpenAI refused the gateway&apos;s key: &quot;{message}&quot;.</source>
        <translation>Azure OpenAI lehnte den Schlüssel des Gateways ab: „{message}“.</translation>
    </message>
    <message>
        <source>Give the gateway the resource&apos;s key as AZURE_API_KEY (or as the model&apos;s API key in GitLab) and the matching AZURE_API_BASE: keys belong to one Azure resource.</source>
        <translation>Geben Sie dem Gateway den Schlüssel der Ressource als AZURE_API_KEY (oder als API-Schlüssel des Modells in GitLab) und die passende AZURE_API_BASE: Schlüssel gehören zu genau einer Azure-Ressource.</translation>
    </message>
    <message>
        <source>The model server was started without tool calling, which Agentic Chat and Agent Platform flows need: &quot;{message}&quot;.</source>
        <translation>Der Modellserver wurde ohne Tool-Calling gestartet, das Agentic Chat und die Flows der Agent Platform brauchen: „{message}“.</translation>
    </message>
    <message>
        <source>Restart vLLM with --enable-auto-tool-choice and the --tool-call-parser that fits the model (mistral, llama3_json, hermes…).</source>
        <translation>Starten Sie vLLM neu mit --enable-auto-tool-choice und dem --tool-call-parser, der zum Modell passt (mistral, llama3_json, hermes…).</translation>
    </message>
    <message>
        <source>The model server has no chat template for this model, so it cannot answer chat requests: &quot;{message}&quot;.</source>
        <translation>Der Modellserver hat für dieses Modell keine Chat-Vorlage und kann daher keine Chat-Anfragen beantworten: „{message}“.</translation>
    </message>
    <message>
        <source>Serve an instruct model whose tokenizer has a chat template, or start vLLM with --chat-template &lt;file.jinja&gt; (and --served-model-name matching the identifier).</source>
        <translation>Betreiben Sie ein Instruct-Modell, dessen Tokenizer eine Chat-Vorlage hat, oder starten Sie vLLM mit --chat-template &lt;file.jinja&gt; (und --served-model-name passend zum Bezeichner).</translation>
    </message>
    <message>
        <source>A reasoning model refused a parameter the gateway sent: &quot;{message}&quot; (gitlab-org/gitlab#576126).</source>
        <translation>Ein Reasoning-Modell lehnte einen Parameter ab, den das Gateway schickte: „{message}“ (gitlab-org/gitlab#576126).</translation>
    </message>
    <message>
        <source>Run the gateway image matching a GitLab version that supports this reasoning model ({aigw_image}), or select a non-reasoning model for the feature.</source>
        <translation>Betreiben Sie das Gateway-Image einer GitLab-Version, die dieses Reasoning-Modell unterstützt ({aigw_image}), oder wählen Sie für die Funktion ein Modell ohne Reasoning.</translation>
    </message>
    <message>
        <source>Raise the AI gateway request timeout (Admin &gt; GitLab Duo, 60–600 s, GitLab 18.7 and later), give the model server more GPU, or serve a smaller model. A proxy in front of the gateway or the model server (nginx) needs a proxy_read_timeout at least as long as that timeout.</source>
        <translation>Erhöhen Sie den AI-Gateway-Timeout (Admin &gt; GitLab Duo, 60–600 s, ab GitLab 18.7), geben Sie dem Modellserver mehr GPU, oder stellen Sie ein kleineres Modell bereit. Ein Proxy vor dem Gateway oder dem Modellserver (nginx) braucht ein mindestens ebenso langes proxy_read_timeout.</translation>
    </message>
    <message>
        <source>The model server has no chat template for this model, so it cannot turn chat messages into a prompt: &quot;{message}&quot;. Base models and some quantised checkpoints ship without one.</source>
        <translation>Der Modellserver hat für dieses Modell kein Chat-Template und kann Chat-Nachrichten daher nicht in einen Prompt umwandeln: &quot;{message}&quot;. Basismodelle und manche quantisierten Checkpoints kommen ohne eines.</translation>
    </message>
    <message>
        <source>Start vLLM with --chat-template and the model&apos;s Jinja template (from the original model&apos;s tokenizer_config.json, or vLLM&apos;s examples directory), or serve an instruct model that ships one.</source>
        <translation>Starten Sie vLLM mit --chat-template und dem Jinja-Template des Modells (aus der tokenizer_config.json des Originalmodells oder dem examples-Verzeichnis von vLLM), oder stellen Sie ein Instruct-Modell bereit, das eines mitbringt.</translation>
    </message>
    <message>
        <source>This is a reasoning model: it refuses max_tokens and takes max_completion_tokens, while GitLab&apos;s AI gateway sends max_tokens with every request: &quot;{message}&quot;.</source>
        <translation>Dies ist ein Reasoning-Modell: Es lehnt max_tokens ab und nimmt max_completion_tokens, während GitLabs AI Gateway bei jeder Anfrage max_tokens sendet: &quot;{message}&quot;.</translation>
    </message>
    <message>
        <source>Serve it through a LiteLLM proxy that knows it as a reasoning model (model: openai/&lt;model&gt; or azure/&lt;deployment&gt; in model_list), which then sends max_completion_tokens, with drop_params: true under litellm_settings; or choose a model that accepts max_tokens.</source>
        <translation>Stellen Sie es über einen LiteLLM-Proxy bereit, der es als Reasoning-Modell kennt (model: openai/&lt;model&gt; oder azure/&lt;deployment&gt; in model_list) und dann max_completion_tokens sendet, mit drop_params: true unter litellm_settings; oder wählen Sie ein Modell, das max_tokens akzeptiert.</translation>
    </message>
    <message>
        <source>The model refuses the temperature GitLab&apos;s AI gateway sends (reasoning models accept only their default): &quot;{message}&quot;.</source>
        <translation>Das Modell lehnt die temperature ab, die GitLabs AI Gateway sendet (Reasoning-Modelle akzeptieren nur ihren Standardwert): &quot;{message}&quot;.</translation>
    </message>
    <message>
        <source>Let the LiteLLM proxy drop what the model does not accept: drop_params: true under litellm_settings in its config (litellm.drop_params = True), then restart it; or choose a model that accepts a temperature.</source>
        <translation>Lassen Sie den LiteLLM-Proxy weglassen, was das Modell nicht akzeptiert: drop_params: true unter litellm_settings in seiner Konfiguration (litellm.drop_params = True), dann neu starten; oder wählen Sie ein Modell, das eine temperature akzeptiert.</translation>
    </message>
    <message>
        <source>vLLM runs without tool calling: &quot;{message}&quot;. Agentic Chat and Agent Platform flows send tools with tool_choice &quot;auto&quot; on every request.</source>
        <translation>vLLM läuft ohne Tool-Aufrufe: &quot;{message}&quot;. Agentic Chat und die Flows der Agent Platform senden bei jeder Anfrage Tools mit tool_choice &quot;auto&quot;.</translation>
    </message>
    <message>
        <source>Restart vLLM with --enable-auto-tool-choice --tool-call-parser &lt;parser&gt; for this model: mistral for Mistral models, hermes for Qwen 2.5 and Hermes, llama3_json for Llama 3.1 to 3.3, granite for Granite. Some models also need --chat-template with their tool template.</source>
        <translation>Starten Sie vLLM mit --enable-auto-tool-choice --tool-call-parser &lt;parser&gt; für dieses Modell neu: mistral für Mistral-Modelle, hermes für Qwen 2.5 und Hermes, llama3_json für Llama 3.1 bis 3.3, granite für Granite. Manche Modelle brauchen zusätzlich --chat-template mit ihrem Tool-Template.</translation>
    </message>
    <message>
        <source>Ollama says the model cannot use tools: &quot;{message}&quot;. Its template has no tool support.</source>
        <translation>Ollama meldet, dass das Modell keine Tools nutzen kann: &quot;{message}&quot;. Sein Template unterstützt keine Tools.</translation>
    </message>
    <message>
        <source>Pull a model that supports tools in Ollama (ollama show &lt;model&gt; lists tools under Capabilities), such as llama3.1, qwen2.5 or mistral-nemo, and choose it for GitLab&apos;s self-hosted model.</source>
        <translation>Laden Sie ein Modell, das in Ollama Tools unterstützt (ollama show &lt;model&gt; nennt tools unter Capabilities), etwa llama3.1, qwen2.5 oder mistral-nemo, und wählen Sie es für GitLabs selbst gehostetes Modell.</translation>
    </message>
    <message>
        <source>llama.cpp&apos;s server runs without --jinja, so it cannot apply the model&apos;s tool template: &quot;{message}&quot;.</source>
        <translation>Der Server von llama.cpp läuft ohne --jinja und kann das Tool-Template des Modells daher nicht anwenden: &quot;{message}&quot;.</translation>
    </message>
    <message>
        <source>Restart llama-server with --jinja (and --chat-template-file when the GGUF carries no tool template).</source>
        <translation>Starten Sie llama-server mit --jinja neu (und mit --chat-template-file, wenn das GGUF kein Tool-Template enthält).</translation>
    </message>
    <message>
        <source>The model tried to call the tool but wrote the call as text (&quot;{message}&quot;): vLLM has no tool parser for it, so Agentic Chat gets text where it expects tool_calls.</source>
        <translation>Das Modell wollte das Tool aufrufen, schrieb den Aufruf aber als Text (&quot;{message}&quot;): vLLM hat keinen Tool-Parser dafür, also bekommt Agentic Chat Text, wo es tool_calls erwartet.</translation>
    </message>
    <message>
        <source>Restart vLLM with --enable-auto-tool-choice --tool-call-parser &lt;parser&gt; matching the model: mistral for Mistral models, hermes for Qwen 2.5 and Hermes, llama3_json for Llama 3.1 to 3.3.</source>
        <translation>Starten Sie vLLM mit --enable-auto-tool-choice --tool-call-parser &lt;parser&gt; passend zum Modell neu: mistral für Mistral-Modelle, hermes für Qwen 2.5 und Hermes, llama3_json für Llama 3.1 bis 3.3.</translation>
    </message>
    <message>
        <source>The model tried to call the tool but wrote the call as text (&quot;{message}&quot;): llama.cpp did not apply the model&apos;s tool template.</source>
        <translation>Das Modell wollte das Tool aufrufen, schrieb den Aufruf aber als Text (&quot;{message}&quot;): llama.cpp hat das Tool-Template des Modells nicht angewendet.</translation>
    </message>
    <message>
        <source>Restart llama-server with --jinja so it applies the model&apos;s tool template and parses its calls (and --chat-template-file when the GGUF has none).</source>
        <translation>Starten Sie llama-server mit --jinja neu, damit es das Tool-Template des Modells anwendet und dessen Aufrufe erkennt (und mit --chat-template-file, wenn das GGUF keines hat).</translation>
    </message>
    <message>
        <source>The model tried to call the tool but wrote the call as text (&quot;{message}&quot;): the server does not parse the model&apos;s tool calls.</source>
        <translation>Das Modell wollte das Tool aufrufen, schrieb den Aufruf aber als Text (&quot;{message}&quot;): Der Server erkennt die Tool-Aufrufe des Modells nicht.</translation>
    </message>
    <message>
        <source>Turn on the server&apos;s tool-call parsing: vLLM --enable-auto-tool-choice --tool-call-parser &lt;parser&gt;; llama.cpp --jinja; Ollama a model that lists tools under Capabilities (ollama show &lt;model&gt;). A LiteLLM proxy passes on what the server behind it does.</source>
        <translation>Schalten Sie die Erkennung von Tool-Aufrufen im Server ein: vLLM --enable-auto-tool-choice --tool-call-parser &lt;parser&gt;; llama.cpp --jinja; Ollama ein Modell, das tools unter Capabilities nennt (ollama show &lt;model&gt;). Ein LiteLLM-Proxy gibt weiter, was der Server dahinter tut.</translation>
    </message>
    <message>
        <source>The model answered in prose and ignored the tool (&quot;{message}&quot;): Agentic Chat and flows cannot work with it.</source>
        <translation>Das Modell antwortete in Prosa und ignorierte das Tool (&quot;{message}&quot;): Agentic Chat und Flows können damit nicht arbeiten.</translation>
    </message>
    <message>
        <source>Use a model that calls tools in Ollama: ollama show &lt;model&gt; must list tools under Capabilities (llama3.1, qwen2.5, mistral-nemo); small models often ignore tools even then.</source>
        <translation>Nutzen Sie ein Modell, das in Ollama Tools aufruft: ollama show &lt;model&gt; muss tools unter Capabilities nennen (llama3.1, qwen2.5, mistral-nemo); kleine Modelle ignorieren Tools oft trotzdem.</translation>
    </message>
    <message>
        <source>Serve a model trained for tool calling, with a chat template that handles tools, and turn on the server&apos;s tool parsing: vLLM --enable-auto-tool-choice --tool-call-parser &lt;parser&gt;, llama.cpp --jinja, Ollama a model that lists tools.</source>
        <translation>Stellen Sie ein für Tool-Aufrufe trainiertes Modell bereit, mit einem Chat-Template, das Tools behandelt, und schalten Sie die Tool-Erkennung des Servers ein: vLLM --enable-auto-tool-choice --tool-call-parser &lt;parser&gt;, llama.cpp --jinja, Ollama ein Modell, das tools nennt.</translation>
    </message>
    <message>
        <source>The stream ended before data: [DONE] ({message}). Duo Chat and Agentic Chat show half an answer or fail (A1002, A1003).</source>
        <translation>Der Stream endete vor data: [DONE] ({message}). Duo Chat und Agentic Chat zeigen eine halbe Antwort oder scheitern (A1002, A1003).</translation>
    </message>
    <message>
        <source>Look at the model server&apos;s log at this time (a crash or running out of GPU memory mid-answer). A proxy or load balancer in front must not cut long answers: nginx proxy_read_timeout, and the load balancer&apos;s idle timeout, at least as long as GitLab&apos;s AI gateway request timeout.</source>
        <translation>Sehen Sie im Log des Modellservers zu diesem Zeitpunkt nach (ein Absturz oder zu wenig GPU-Speicher mitten in der Antwort). Ein Proxy oder Load Balancer davor darf lange Antworten nicht abschneiden: nginx proxy_read_timeout und das Idle-Timeout des Load Balancers mindestens so lang wie GitLabs AI-Gateway-Request-Timeout.</translation>
    </message>
    <message>
        <source>The stream arrived in one burst: {message}. A proxy between here and the model server buffers it, so the gateway and Duo Chat wait for the whole answer (A1003 when that takes too long).</source>
        <translation>Der Stream kam auf einen Schlag: {message}. Ein Proxy zwischen hier und dem Modellserver puffert ihn, also warten das Gateway und Duo Chat auf die ganze Antwort (A1003, wenn das zu lange dauert).</translation>
    </message>
    <message>
        <source>Turn buffering off where the proxy forwards to the model server: nginx proxy_buffering off; (or the answer header X-Accel-Buffering: no), with a proxy_read_timeout as long as GitLab&apos;s AI gateway request timeout.</source>
        <translation>Schalten Sie das Puffern dort ab, wo der Proxy an den Modellserver weiterleitet: nginx proxy_buffering off; (oder der Antwort-Header X-Accel-Buffering: no), mit einem proxy_read_timeout so lang wie GitLabs AI-Gateway-Request-Timeout.</translation>
    </message>
    <message>
        <source>Asked to stream (stream: true), the server answered with one JSON document instead of server-sent events; the gateway streams Duo Chat and Agentic Chat.</source>
        <translation>Um einen Stream gebeten (stream: true), antwortete der Server mit einem einzigen JSON-Dokument statt Server-Sent Events; das Gateway streamt Duo Chat und Agentic Chat.</translation>
    </message>
    <message>
        <source>Check that the endpoint is the model server&apos;s own /v1 and that no proxy in front rewrites its answers; the server itself must support stream: true.</source>
        <translation>Prüfen Sie, dass der Endpunkt das eigene /v1 des Modellservers ist und kein Proxy davor seine Antworten umschreibt; der Server selbst muss stream: true unterstützen.</translation>
    </message>
    <message>
        <source>GitLab stores the Agent Platform service address as {gitlab_agent_platform_url}: with http:// or https:// in front, GitLab&apos;s gRPC client cannot use it (the service is a host and a port, not a URL), so Agentic Chat and flows fail.</source>
        <translation>GitLab speichert die Adresse des Agent-Platform-Dienstes als {gitlab_agent_platform_url}: mit http:// oder https:// davor kann GitLabs gRPC-Client sie nicht verwenden (der Dienst ist ein Host und ein Port, keine URL), daher schlagen Agentic Chat und Flows fehl.</translation>
    </message>
    <message>
        <source>Set it to {agent_platform_address}, without http:// or https://: Admin &gt; GitLab Duo &gt; Change configuration &gt; Local URL for the GitLab Duo Agent Platform service (or in the Rails console, below). TLS is chosen by the setting &quot;Use TLS for the GitLab Duo Agent Platform service&quot;, not by a scheme.</source>
        <translation>Setzen Sie sie auf {agent_platform_address}, ohne http:// oder https://: Admin &gt; GitLab Duo &gt; Change configuration &gt; Local URL for the GitLab Duo Agent Platform service (oder in der Rails-Konsole, unten). TLS wählt die Einstellung &quot;Use TLS for the GitLab Duo Agent Platform service&quot;, nicht ein Schema.</translation>
    </message>
    <message>
        <source>GitLab&apos;s Agent Platform service address {gitlab_agent_platform_url} is not HOST:PORT, so GitLab cannot connect to the service.</source>
        <translation>Die Adresse des Agent-Platform-Dienstes in GitLab, {gitlab_agent_platform_url}, ist nicht HOST:PORT, daher kann GitLab sich nicht mit dem Dienst verbinden.</translation>
    </message>
    <message>
        <source>Set it to the service&apos;s host and gRPC port, e.g. {agent_platform_address} (the service listens on 50052 by default): Admin &gt; GitLab Duo &gt; Change configuration &gt; Local URL for the GitLab Duo Agent Platform service.</source>
        <translation>Setzen Sie sie auf Host und gRPC-Port des Dienstes, z. B. {agent_platform_address} (der Dienst lauscht standardmäßig auf 50052): Admin &gt; GitLab Duo &gt; Change configuration &gt; Local URL for the GitLab Duo Agent Platform service.</translation>
    </message>
    <message>
        <source>GitLab has no Agent Platform service address, yet {agent_features} are routed to a self-hosted model: Agentic Chat and flows have no service to run on.</source>
        <translation>GitLab hat keine Adresse für den Agent-Platform-Dienst, obwohl {agent_features} an ein selbst gehostetes Modell geleitet werden: Agentic Chat und Flows haben keinen Dienst, auf dem sie laufen.</translation>
    </message>
    <message>
        <source>Enter the service&apos;s HOST:PORT (the gateway host, port 50052 by default): Admin &gt; GitLab Duo &gt; Change configuration &gt; Local URL for the GitLab Duo Agent Platform service — or set those features to Disabled if you do not run the service.</source>
        <translation>Tragen Sie HOST:PORT des Dienstes ein (der Host des Gateways, standardmäßig Port 50052): Admin &gt; GitLab Duo &gt; Change configuration &gt; Local URL for the GitLab Duo Agent Platform service — oder stellen Sie diese Funktionen auf Disabled, wenn Sie den Dienst nicht betreiben.</translation>
    </message>
    <message>
        <source>No runner is tagged gitlab--duo: Agent Platform flows (Code Review, Fix pipeline…) stay stuck at &quot;Starting job&quot; and Code Review fails with DCR4011.</source>
        <translation>Kein Runner hat das Tag gitlab--duo: Flows der Agent Platform (Code Review, Fix pipeline…) bleiben bei &quot;Starting job&quot; hängen, und Code Review scheitert mit DCR4011.</translation>
    </message>
    <message>
        <source>Create an instance (or top-level group) runner with the tag gitlab--duo in Admin &gt; CI/CD &gt; Runners &gt; New instance runner, then register it with the Docker or Kubernetes executor using the token GitLab shows (below; never the shell executor).</source>
        <translation>Legen Sie in Admin &gt; CI/CD &gt; Runners &gt; New instance runner einen Instanz-Runner (oder einen der obersten Gruppe) mit dem Tag gitlab--duo an und registrieren Sie ihn dann mit dem Token, das GitLab anzeigt, und dem Executor Docker oder Kubernetes (unten; nie den Shell-Executor).</translation>
    </message>
    <message>
        <source>The runners tagged gitlab--duo use the {runner_executors} executor: flows run in a container image, so they need the Docker or Kubernetes executor.</source>
        <translation>Die Runner mit dem Tag gitlab--duo verwenden den Executor {runner_executors}: Flows laufen in einem Container-Image und brauchen daher den Executor Docker oder Kubernetes.</translation>
    </message>
    <message>
        <source>Register a runner tagged gitlab--duo with a Docker or Kubernetes executor (below), then remove the tag from the others.</source>
        <translation>Registrieren Sie einen Runner mit dem Tag gitlab--duo und einem Docker- oder Kubernetes-Executor (unten), dann entfernen Sie das Tag von den anderen.</translation>
    </message>
    <message>
        <source>The runners tagged gitlab--duo that could run flows are offline or paused: flows wait at &quot;Starting job&quot;.</source>
        <translation>Die Runner mit dem Tag gitlab--duo, die Flows ausführen könnten, sind offline oder pausiert: Flows warten bei &quot;Starting job&quot;.</translation>
    </message>
    <message>
        <source>On the runner&apos;s host start it and check it reaches {gitlab_url} (below); unpause it in Admin &gt; CI/CD &gt; Runners.</source>
        <translation>Starten Sie ihn auf seinem Host und prüfen Sie, dass er {gitlab_url} erreicht (unten); heben Sie die Pause in Admin &gt; CI/CD &gt; Runners auf.</translation>
    </message>
    <message>
        <source>An Agent Platform service is configured, but {agent_features} have no model: GitLab&apos;s health check does not pass and Code Review fails with DCR4005 until they have one.</source>
        <translation>Ein Agent-Platform-Dienst ist konfiguriert, aber {agent_features} haben kein Modell: GitLabs Health-Check besteht nicht, und Code Review scheitert mit DCR4005, bis sie eines haben.</translation>
    </message>
    <message>
        <source>Assign a model to {agent_features}: Admin &gt; GitLab Duo &gt; Self-hosted models &gt; AI-native features (choose {deployment_name}, or GitLab-managed with an online license).</source>
        <translation>Weisen Sie {agent_features} ein Modell zu: Admin &gt; GitLab Duo &gt; Self-hosted models &gt; AI-native features ({deployment_name} wählen, oder GitLab-managed mit einer Online-Lizenz).</translation>
    </message>
    <message>
        <source>The name {agent_platform_host} of the Agent Platform service address {agent_platform_address} does not resolve from this desktop.</source>
        <translation>Der Name {agent_platform_host} der Adresse des Agent-Platform-Dienstes {agent_platform_address} lässt sich von diesem Rechner aus nicht auflösen.</translation>
    </message>
    <message>
        <source>Check the address for a typo. GitLab keeps it under Admin &gt; GitLab Duo &gt; Change configuration &gt; Local URL for the GitLab Duo Agent Platform service, as host:port without http:// (usually the gateway&apos;s host and port 50052); GitLab must resolve the name too.</source>
        <translation>Prüfen Sie die Adresse auf Tippfehler. GitLab führt sie unter Admin &gt; GitLab Duo &gt; Change configuration &gt; Local URL for the GitLab Duo Agent Platform service, als host:port ohne http:// (meist der Host des Gateways und Port 50052); auch GitLab muss den Namen auflösen.</translation>
    </message>
    <message>
        <source>Nothing accepts connections at {agent_platform_address}: the Agent Platform service is not running, its port is not published, or the address names another port (the service listens on 50052).</source>
        <translation>Unter {agent_platform_address} nimmt nichts Verbindungen an: Der Agent-Platform-Dienst läuft nicht, sein Port ist nicht veröffentlicht, oder die Adresse nennt einen anderen Port (der Dienst lauscht auf 50052).</translation>
    </message>
    <message>
        <source>Start the gateway container with the service&apos;s port published (-p 50052:50052 beside -p 5052:5052) and read its log for the service&apos;s start; then make GitLab&apos;s Agent Platform service address {agent_platform_host}:50052 (Admin &gt; GitLab Duo &gt; Change configuration).</source>
        <translation>Starten Sie den Gateway-Container mit veröffentlichtem Port des Dienstes (-p 50052:50052 neben -p 5052:5052) und lesen Sie in seinem Protokoll den Start des Dienstes nach; setzen Sie dann GitLabs Adresse des Agent-Platform-Dienstes auf {agent_platform_host}:50052 (Admin &gt; GitLab Duo &gt; Change configuration).</translation>
    </message>
    <message>
        <source>No answer from {agent_platform_address} within {timeout} s: a firewall drops the traffic to the service&apos;s port, or the service hangs.</source>
        <translation>Keine Antwort von {agent_platform_address} innerhalb von {timeout} s: Eine Firewall verwirft den Verkehr zum Port des Dienstes, oder der Dienst hängt.</translation>
    </message>
    <message>
        <source>Open the service&apos;s port ({agent_platform_port}) between this desktop (and GitLab) and {agent_platform_host}, then read the gateway container&apos;s log.</source>
        <translation>Öffnen Sie den Port des Dienstes ({agent_platform_port}) zwischen diesem Rechner (und GitLab) und {agent_platform_host}, dann lesen Sie das Protokoll des Gateway-Containers.</translation>
    </message>
    <message>
        <source>{agent_platform_address} answers in HTTP/1 (&quot;{message}&quot;): it is an HTTP port — the AI gateway&apos;s own (5052) — not the Agent Platform service, which speaks gRPC over HTTP/2 on 50052. GitLab&apos;s gRPC client fails there (&quot;Trying to connect an http1.x server&quot;).</source>
        <translation>{agent_platform_address} antwortet mit HTTP/1 („{message}“): Das ist ein HTTP-Port – der des AI Gateway selbst (5052) –, nicht der Agent-Platform-Dienst, der gRPC über HTTP/2 auf 50052 spricht. GitLabs gRPC-Client scheitert dort („Trying to connect an http1.x server“).</translation>
    </message>
    <message>
        <source>Set the Agent Platform service address to the service&apos;s port, e.g. {agent_platform_host}:50052, in GitLab (Admin &gt; GitLab Duo &gt; Change configuration &gt; Local URL for the GitLab Duo Agent Platform service) and here (--agent-platform); keep the AI gateway URL on 5052.</source>
        <translation>Setzen Sie die Adresse des Agent-Platform-Dienstes auf den Port des Dienstes, z. B. {agent_platform_host}:50052, in GitLab (Admin &gt; GitLab Duo &gt; Change configuration &gt; Local URL for the GitLab Duo Agent Platform service) und hier (--agent-platform); die AI-Gateway-URL bleibt auf 5052.</translation>
    </message>
    <message>
        <source>{agent_platform_address} accepts connections but speaks neither HTTP/2, TLS nor HTTP/1 (it sent: {message}): another service listens there, or something in between swallows the connection.</source>
        <translation>{agent_platform_address} nimmt Verbindungen an, spricht aber weder HTTP/2 noch TLS noch HTTP/1 (gesendet: {message}): Dort lauscht ein anderer Dienst, oder etwas dazwischen verschluckt die Verbindung.</translation>
    </message>
    <message>
        <source>Check that the address is the Agent Platform service&apos;s (the gateway container&apos;s port 50052) and that no load balancer or proxy that does not speak HTTP/2 sits in front of it.</source>
        <translation>Prüfen Sie, dass die Adresse die des Agent-Platform-Dienstes ist (Port 50052 des Gateway-Containers) und dass kein Load Balancer oder Proxy ohne HTTP/2 davor sitzt.</translation>
    </message>
    <message>
        <source>The Agent Platform service at {agent_platform_address} speaks TLS (DUO_WORKFLOW_TLS__ENABLED=true), but GitLab connects to it in plain text (&quot;Use TLS for Duo Agent Platform service&quot; is off): GitLab&apos;s gRPC calls fail (&quot;Socket closed&quot;).</source>
        <translation>Der Agent-Platform-Dienst unter {agent_platform_address} spricht TLS (DUO_WORKFLOW_TLS__ENABLED=true), aber GitLab verbindet sich im Klartext („Use TLS for Duo Agent Platform service“ ist aus): GitLabs gRPC-Aufrufe scheitern („Socket closed“).</translation>
    </message>
    <message>
        <source>Make both sides agree. Either turn on &quot;Use TLS for Duo Agent Platform service&quot; (Admin &gt; GitLab Duo &gt; Change configuration) and let GitLab trust the service&apos;s certificate (/etc/gitlab/trusted-certs/, then sudo gitlab-ctl reconfigure), or run the service in plain text: recreate the gateway container without DUO_WORKFLOW_TLS__ENABLED=true.</source>
        <translation>Bringen Sie beide Seiten in Einklang. Entweder schalten Sie „Use TLS for Duo Agent Platform service“ ein (Admin &gt; GitLab Duo &gt; Change configuration) und lassen GitLab dem Zertifikat des Dienstes vertrauen (/etc/gitlab/trusted-certs/, dann sudo gitlab-ctl reconfigure), oder Sie betreiben den Dienst im Klartext: Erstellen Sie den Gateway-Container ohne DUO_WORKFLOW_TLS__ENABLED=true neu.</translation>
    </message>
    <message>
        <source>The Agent Platform service at {agent_platform_address} speaks plain text (DUO_WORKFLOW_TLS__ENABLED is not true), but GitLab connects to it with TLS (&quot;Use TLS for Duo Agent Platform service&quot; is on): GitLab&apos;s handshake fails (&quot;wrong version number&quot;).</source>
        <translation>Der Agent-Platform-Dienst unter {agent_platform_address} spricht Klartext (DUO_WORKFLOW_TLS__ENABLED ist nicht true), aber GitLab verbindet sich mit TLS („Use TLS for Duo Agent Platform service“ ist an): GitLabs Handshake scheitert („wrong version number“).</translation>
    </message>
    <message>
        <source>Make both sides agree. Either turn off &quot;Use TLS for Duo Agent Platform service&quot; (Admin &gt; GitLab Duo &gt; Change configuration; DUO_AGENT_PLATFORM_SERVICE_SECURE=false on older versions), or give the service TLS: recreate the gateway container with -e DUO_WORKFLOW_TLS__ENABLED=true and -e DUO_WORKFLOW_TLS__CERT_FILE=&lt;certificate in the container&gt; (and its key).</source>
        <translation>Bringen Sie beide Seiten in Einklang. Entweder schalten Sie „Use TLS for Duo Agent Platform service“ aus (Admin &gt; GitLab Duo &gt; Change configuration; bei älteren Versionen DUO_AGENT_PLATFORM_SERVICE_SECURE=false), oder geben Sie dem Dienst TLS: Erstellen Sie den Gateway-Container mit -e DUO_WORKFLOW_TLS__ENABLED=true und -e DUO_WORKFLOW_TLS__CERT_FILE=&lt;Zertifikat im Container&gt; (samt Schlüssel) neu.</translation>
    </message>
    <message>
        <source>The Agent Platform service at {agent_platform_address} answers, but its gRPC health check says {message}: it runs without what it needs (its JWT signing keys, GitLab&apos;s keys, an offline license&apos;s customer-portal URL) and refuses work.</source>
        <translation>Der Agent-Platform-Dienst unter {agent_platform_address} antwortet, aber seine gRPC-Zustandsprüfung meldet {message}: Ihm fehlt, was er braucht (seine JWT-Signaturschlüssel, GitLabs Schlüssel, bei einer Offline-Lizenz die Kundenportal-URL), und er nimmt keine Arbeit an.</translation>
    </message>
    <message>
        <source>Read the service&apos;s lines in the gateway container&apos;s log. Check DUO_WORKFLOW_SELF_SIGNED_JWT__SIGNING_KEY and DUO_WORKFLOW_SELF_SIGNED_JWT__VALIDATION_KEY, DUO_WORKFLOW_AUTH__ENABLED, and for an offline license DUO_WORKFLOW_AUTH__OIDC_CUSTOMER_PORTAL_URL={gitlab_url}; then restart the container.</source>
        <translation>Lesen Sie die Zeilen des Dienstes im Protokoll des Gateway-Containers. Prüfen Sie DUO_WORKFLOW_SELF_SIGNED_JWT__SIGNING_KEY und DUO_WORKFLOW_SELF_SIGNED_JWT__VALIDATION_KEY, DUO_WORKFLOW_AUTH__ENABLED und bei einer Offline-Lizenz DUO_WORKFLOW_AUTH__OIDC_CUSTOMER_PORTAL_URL={gitlab_url}; starten Sie dann den Container neu.</translation>
    </message>
    <message>
        <source>{agent_platform_address} speaks gRPC but registers no standard health service (grpc.health.v1.Health answers UNIMPLEMENTED), so its health cannot be read from here. It is reachable, which is what GitLab needs first.</source>
        <translation>{agent_platform_address} spricht gRPC, registriert aber keinen Standard-Health-Dienst (grpc.health.v1.Health antwortet UNIMPLEMENTED), daher lässt sich sein Zustand von hier nicht lesen. Er ist erreichbar – das braucht GitLab zuerst.</translation>
    </message>
    <message>
        <source>Nothing to change while Agentic Chat and flows work. Otherwise check that the address is the gateway image&apos;s Agent Platform service (a current self-hosted-v&lt;version&gt;-ee image), and read its log.</source>
        <translation>Nichts zu ändern, solange Agentic Chat und Flows funktionieren. Andernfalls prüfen Sie, dass die Adresse der Agent-Platform-Dienst des Gateway-Images ist (ein aktuelles Image self-hosted-v&lt;version&gt;-ee), und lesen Sie sein Protokoll.</translation>
    </message>
    <message>
        <source>The health call came back over HTTP/1.1 (through {proxy}): something between this desktop and {agent_platform_address} does not pass HTTP/2 — a TLS-inspecting proxy (Zscaler, Netskope) or a load balancer — and gRPC needs HTTP/2 end to end.</source>
        <translation>Der Health-Aufruf kam über HTTP/1.1 zurück (über {proxy}): Etwas zwischen diesem Rechner und {agent_platform_address} lässt kein HTTP/2 durch – ein TLS-prüfender Proxy (Zscaler, Netskope) oder ein Load Balancer –, und gRPC braucht HTTP/2 durchgehend.</translation>
    </message>
    <message>
        <source>Let HTTP/2 through to {agent_platform_host}: exempt it from TLS inspection, add it to no_proxy, or configure the load balancer for gRPC (HTTP/2 to the backend).</source>
        <translation>Lassen Sie HTTP/2 zu {agent_platform_host} durch: Nehmen Sie den Host von der TLS-Prüfung aus, tragen Sie ihn in no_proxy ein, oder richten Sie den Load Balancer für gRPC ein (HTTP/2 zum Backend).</translation>
    </message>
    <message>
        <source>{agent_platform_address} answers HTTP/2 (HTTP {http_status}), but not with gRPC: another HTTP/2 server or a proxy answers there.</source>
        <translation>{agent_platform_address} antwortet mit HTTP/2 (HTTP {http_status}), aber nicht mit gRPC: Dort antwortet ein anderer HTTP/2-Server oder ein Proxy.</translation>
    </message>
    <message>
        <source>Point the address at the Agent Platform service itself (the gateway container&apos;s port 50052), past any web server.</source>
        <translation>Richten Sie die Adresse auf den Agent-Platform-Dienst selbst (Port 50052 des Gateway-Containers), an jedem Webserver vorbei.</translation>
    </message>
    <message>
        <source>The service failed the health call with gRPC status {grpc_status}: &quot;{message}&quot;.</source>
        <translation>Der Dienst beantwortete den Health-Aufruf mit gRPC-Status {grpc_status}: „{message}“.</translation>
    </message>
    <message>
        <source>Read the service&apos;s lines in the gateway container&apos;s log at the time of this check.</source>
        <translation>Lesen Sie die Zeilen des Dienstes im Protokoll des Gateway-Containers zur Zeit dieser Prüfung.</translation>
    </message>
    <message>
        <source>GitLab answered HTTP {http_status} instead of 101 Switching Protocols: a proxy or load balancer in front of GitLab dropped the Upgrade and Connection headers, so Agentic Chat and flows cannot open their WebSocket (the IDE sees close 1006).</source>
        <translation>GitLab antwortete HTTP {http_status} statt 101 Switching Protocols: Ein Proxy oder Load Balancer vor GitLab hat die Header Upgrade und Connection entfernt, daher können Agentic Chat und Flows ihren WebSocket nicht öffnen (die IDE sieht Close 1006).</translation>
    </message>
    <message>
        <source>In the proxy&apos;s location for {gitlab_url} (nginx): proxy_http_version 1.1; proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection &quot;upgrade&quot;; — then reload it. Other load balancers (HAProxy, an AWS ALB, a Kubernetes ingress) must allow WebSockets on /api/v4/ai/duo_workflows/ws too.</source>
        <translation>In der location des Proxys für {gitlab_url} (nginx): proxy_http_version 1.1; proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection &quot;upgrade&quot;; – dann neu laden. Andere Load Balancer (HAProxy, ein AWS ALB, ein Kubernetes-Ingress) müssen WebSockets auf /api/v4/ai/duo_workflows/ws ebenfalls erlauben.</translation>
    </message>
    <message>
        <source>Something answered the WebSocket handshake with 101 but a wrong Sec-WebSocket-Accept (&quot;{message}&quot;): not GitLab, but a proxy in between that answers upgrades itself.</source>
        <translation>Etwas beantwortete den WebSocket-Handshake mit 101, aber einem falschen Sec-WebSocket-Accept („{message}“): nicht GitLab, sondern ein Proxy dazwischen, der Upgrades selbst beantwortet.</translation>
    </message>
    <message>
        <source>Let the proxy in front of {gitlab_url} pass the handshake through unchanged (nginx: proxy_http_version 1.1; proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection &quot;upgrade&quot;;).</source>
        <translation>Lassen Sie den Proxy vor {gitlab_url} den Handshake unverändert durchreichen (nginx: proxy_http_version 1.1; proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection &quot;upgrade&quot;;).</translation>
    </message>
    <message>
        <source>GitLab opened the WebSocket and closed it right away with code {close_code} (1000 is a normal close; 1006 means the connection just ended): GitLab could not start the session — a proxy&apos;s idle or read timeout, or GitLab failing to reach the Agent Platform service.</source>
        <translation>GitLab öffnete den WebSocket und schloss ihn sofort mit Code {close_code} (1000 ist ein normales Schließen; 1006 heißt, die Verbindung endete einfach): GitLab konnte die Sitzung nicht starten – ein Leerlauf- oder Lese-Timeout eines Proxys, oder GitLab erreicht den Agent-Platform-Dienst nicht.</translation>
    </message>
    <message>
        <source>Read GitLab&apos;s log for /api/v4/ai/duo_workflows/ws at this time (sudo gitlab-ctl tail gitlab-workhorse), check the Agent Platform service checks, and give proxies in front of GitLab a proxy_read_timeout of several minutes.</source>
        <translation>Lesen Sie GitLabs Protokoll zu /api/v4/ai/duo_workflows/ws zu dieser Zeit (sudo gitlab-ctl tail gitlab-workhorse), sehen Sie sich die Prüfungen des Agent-Platform-Dienstes an, und geben Sie Proxys vor GitLab ein proxy_read_timeout von mehreren Minuten.</translation>
    </message>
    <message>
        <source>The token may not open the Agent Platform WebSocket: it needs the api scope (or ai_workflows), so this was not checked.</source>
        <translation>Das Token darf den Agent-Platform-WebSocket nicht öffnen: Es braucht den Bereich api (oder ai_workflows), daher wurde dies nicht geprüft.</translation>
    </message>
    <message>
        <source>Run again with a personal access token that has the api scope ({gitlab_url}/-/user_settings/personal_access_tokens).</source>
        <translation>Führen Sie die Prüfung erneut mit einem persönlichen Zugriffstoken mit dem Bereich api aus ({gitlab_url}/-/user_settings/personal_access_tokens).</translation>
    </message>
    <message>
        <source>GitLab refused the token on the WebSocket (HTTP 401) although the API accepted it: a proxy in front of GitLab strips the token or cookies from upgrade requests.</source>
        <translation>GitLab lehnte das Token am WebSocket ab (HTTP 401), obwohl die API es annahm: Ein Proxy vor GitLab entfernt Token oder Cookies aus Upgrade-Anfragen.</translation>
    </message>
    <message>
        <source>Let the proxy in front of {gitlab_url} forward the Authorization and PRIVATE-TOKEN headers and cookies on /api/v4/ai/duo_workflows/ws, as on every API path.</source>
        <translation>Lassen Sie den Proxy vor {gitlab_url} die Header Authorization und PRIVATE-TOKEN sowie Cookies auf /api/v4/ai/duo_workflows/ws weiterreichen, wie auf jedem API-Pfad.</translation>
    </message>
    <message>
        <source>GitLab refuses {gitlab_username} the Agent Platform WebSocket (HTTP 403): no GitLab Duo seat, the Agent Platform (flows, Agentic Chat) turned off, or — behind a proxy — an Origin the proxy changed.</source>
        <translation>GitLab verweigert {gitlab_username} den Agent-Platform-WebSocket (HTTP 403): kein GitLab-Duo-Platz, die Agent Platform (Flows, Agentic Chat) ausgeschaltet, oder – hinter einem Proxy – ein vom Proxy geänderter Origin.</translation>
    </message>
    <message>
        <source>Assign {gitlab_username} a GitLab Duo seat (Admin &gt; GitLab Duo &gt; Seat utilization) and turn the GitLab Duo Agent Platform on (Admin &gt; GitLab Duo &gt; Change configuration); a proxy must pass Host and Origin unchanged.</source>
        <translation>Weisen Sie {gitlab_username} einen GitLab-Duo-Platz zu (Admin &gt; GitLab Duo &gt; Seat utilization) und schalten Sie die GitLab Duo Agent Platform ein (Admin &gt; GitLab Duo &gt; Change configuration); ein Proxy muss Host und Origin unverändert weitergeben.</translation>
    </message>
    <message>
        <source>GitLab {gitlab_version} has no Agent Platform WebSocket yet (self-managed GitLab has it from 18.2): nothing to check.</source>
        <translation>GitLab {gitlab_version} hat noch keinen Agent-Platform-WebSocket (selbstverwaltetes GitLab hat ihn ab 18.2): nichts zu prüfen.</translation>
    </message>
    <message>
        <source>Nothing to do for GitLab {gitlab_version}. Agentic Chat and flows on self-managed GitLab need 18.2 or later.</source>
        <translation>Für GitLab {gitlab_version} nichts zu tun. Agentic Chat und Flows brauchen auf selbstverwaltetem GitLab 18.2 oder neuer.</translation>
    </message>
    <message>
        <source>GitLab {gitlab_version} answers 404 on /api/v4/ai/duo_workflows/ws: the GitLab Duo Agent Platform is turned off, or a proxy sends the path somewhere else.</source>
        <translation>GitLab {gitlab_version} antwortet 404 auf /api/v4/ai/duo_workflows/ws: Die GitLab Duo Agent Platform ist ausgeschaltet, oder ein Proxy leitet den Pfad anderswohin.</translation>
    </message>
    <message>
        <source>If you use Agentic Chat or flows: turn the GitLab Duo Agent Platform on (Admin &gt; GitLab Duo &gt; Change configuration) and make the proxy in front of {gitlab_url} route /api/v4/ to GitLab.</source>
        <translation>Wenn Sie Agentic Chat oder Flows nutzen: Schalten Sie die GitLab Duo Agent Platform ein (Admin &gt; GitLab Duo &gt; Change configuration) und lassen Sie den Proxy vor {gitlab_url} /api/v4/ an GitLab leiten.</translation>
    </message>
    <message>
        <source>The Azure endpoint {model_endpoint} already ends in /openai/…: the gateway (LiteLLM) appends /openai/deployments/&lt;deployment&gt;/chat/completions itself, so the path doubles and Azure answers 404.</source>
        <translation>Der Azure-Endpunkt {model_endpoint} endet bereits auf /openai/…: Das Gateway (LiteLLM) hängt /openai/deployments/&lt;deployment&gt;/chat/completions selbst an, der Pfad verdoppelt sich und Azure antwortet 404.</translation>
    </message>
    <message>
        <source>Use the resource URL {corrected_endpoint} as the endpoint, here and in GitLab&apos;s self-hosted model {deployment_name}.</source>
        <translation>Verwenden Sie die Ressourcen-URL {corrected_endpoint} als Endpunkt, hier und im selbst gehosteten Modell {deployment_name} in GitLab.</translation>
    </message>
    <message>
        <source>{azure_api_version} is not an Azure OpenAI api-version: those are dates such as {default_api_version} (a model&apos;s version, such as 0613, is something else).</source>
        <translation>{azure_api_version} ist keine api-version von Azure OpenAI: Das sind Daten wie {default_api_version} (die Version eines Modells, etwa 0613, ist etwas anderes).</translation>
    </message>
    <message>
        <source>Pass a GA api-version with --azure-api-version (for example {default_api_version}) and set the same in the gateway&apos;s AZURE_API_VERSION.</source>
        <translation>Geben Sie eine GA-api-version mit --azure-api-version an (etwa {default_api_version}) und setzen Sie dieselbe in AZURE_API_VERSION des Gateways.</translation>
    </message>
    <message>
        <source>An Azure identifier names the deployment after azure/; this one names none.</source>
        <translation>Ein Azure-Bezeichner nennt das Deployment nach azure/; dieser nennt keines.</translation>
    </message>
    <message>
        <source>Use azure/&lt;deployment name&gt;, the name of the deployment in Azure AI Foundry (Deployments), not the model&apos;s name.</source>
        <translation>Verwenden Sie azure/&lt;Deployment-Name&gt;, den Namen des Deployments in Azure AI Foundry (Deployments), nicht den Namen des Modells.</translation>
    </message>
    <message>
        <source>Bedrock serves {bedrock_model} only through an inference profile: by its bare id AWS answers &quot;Invocation of model ID … with on-demand throughput isn&apos;t supported&quot;.</source>
        <translation>Bedrock stellt {bedrock_model} nur über ein Inference Profile bereit: Unter der bloßen ID antwortet AWS &quot;Invocation of model ID … with on-demand throughput isn&apos;t supported&quot;.</translation>
    </message>
    <message>
        <source>Use the inference profile&apos;s id as the identifier: {suggested_identifier} (us. for US regions; eu., apac. or global. elsewhere), in GitLab&apos;s self-hosted model {deployment_name}.</source>
        <translation>Verwenden Sie die ID des Inference Profile als Bezeichner: {suggested_identifier} (us. für US-Regionen; eu., apac. oder global. anderswo), im selbst gehosteten Modell {deployment_name} in GitLab.</translation>
    </message>
    <message>
        <source>bedrock/converse/ names an application inference profile by its ARN; {model_identifier} does not end in one.</source>
        <translation>bedrock/converse/ nennt ein Application Inference Profile über seinen ARN; {model_identifier} endet nicht auf einen.</translation>
    </message>
    <message>
        <source>Use bedrock/converse/arn:aws:bedrock:&lt;region&gt;:&lt;account&gt;:application-inference-profile/&lt;id&gt; (aws bedrock list-inference-profiles --type-equals APPLICATION shows the ARN), or bedrock/&lt;model or inference-profile id&gt;.</source>
        <translation>Verwenden Sie bedrock/converse/arn:aws:bedrock:&lt;region&gt;:&lt;account&gt;:application-inference-profile/&lt;id&gt; (aws bedrock list-inference-profiles --type-equals APPLICATION zeigt den ARN) oder bedrock/&lt;Modell- oder Inference-Profile-ID&gt;.</translation>
    </message>
    <message>
        <source>GitLab&apos;s own connection check tests a Bedrock model against a placeholder URL and can fail while Bedrock works: &quot;{message}&quot;.</source>
        <translation>GitLabs eigene Verbindungsprüfung testet ein Bedrock-Modell gegen eine Platzhalter-URL und kann fehlschlagen, obwohl Bedrock funktioniert: &quot;{message}&quot;.</translation>
    </message>
    <message>
        <source>Judge Bedrock by gateway.model_request and gitlab.code_suggestions instead; this answer alone is no fault.</source>
        <translation>Beurteilen Sie Bedrock stattdessen nach gateway.model_request und gitlab.code_suggestions; diese Antwort allein ist kein Fehler.</translation>
    </message>
    <message>
        <source>Bedrock serves this model only through an inference profile, and the identifier {model_identifier} names it by its bare id: &quot;{message}&quot;.</source>
        <translation>Bedrock stellt dieses Modell nur über ein Inference Profile bereit, und der Bezeichner {model_identifier} nennt es über seine bloße ID: &quot;{message}&quot;.</translation>
    </message>
    <message>
        <source>Put the inference profile&apos;s id in the identifier: bedrock/us.&lt;model id&gt; (eu., apac. or global. outside the US), in GitLab&apos;s self-hosted model {deployment_name}; aws bedrock list-inference-profiles lists them.</source>
        <translation>Tragen Sie die ID des Inference Profile in den Bezeichner ein: bedrock/us.&lt;Modell-ID&gt; (eu., apac. oder global. außerhalb der USA), im selbst gehosteten Modell {deployment_name} in GitLab; aws bedrock list-inference-profiles listet sie.</translation>
    </message>
    <message>
        <source>AWS refuses Anthropic&apos;s models to this account until its use case is described: &quot;{message}&quot;.</source>
        <translation>AWS verweigert diesem Konto die Modelle von Anthropic, bis sein Anwendungsfall beschrieben ist: &quot;{message}&quot;.</translation>
    </message>
    <message>
        <source>In the Bedrock console (Model catalog or Model access, an Anthropic model) submit the use case details form, then wait about 15 minutes before testing again.</source>
        <translation>Senden Sie in der Bedrock-Konsole (Model catalog oder Model access, ein Anthropic-Modell) das Formular zum Anwendungsfall ab und warten Sie etwa 15 Minuten, bevor Sie erneut testen.</translation>
    </message>
    <message>
        <source>The gateway has no AWS credentials or no region to call Bedrock with: &quot;{message}&quot;.</source>
        <translation>Das Gateway hat keine AWS-Zugangsdaten oder keine Region, um Bedrock aufzurufen: &quot;{message}&quot;.</translation>
    </message>
    <message>
        <source>Give the gateway container AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or an instance role / IRSA, or AWS_BEARER_TOKEN_BEDROCK) and a region: AWS_REGION or AWS_REGION_NAME, either is read. Then recreate the container.</source>
        <translation>Geben Sie dem Gateway-Container AWS_ACCESS_KEY_ID und AWS_SECRET_ACCESS_KEY (oder eine Instanzrolle / IRSA oder AWS_BEARER_TOKEN_BEDROCK) und eine Region: AWS_REGION oder AWS_REGION_NAME, beide werden gelesen. Erstellen Sie den Container dann neu.</translation>
    </message>
    <message>
        <source>AWS refuses the gateway&apos;s identity the Bedrock call (IAM): &quot;{message}&quot;.</source>
        <translation>AWS verweigert der Identität des Gateways den Bedrock-Aufruf (IAM): &quot;{message}&quot;.</translation>
    </message>
    <message>
        <source>Allow bedrock:InvokeModel and bedrock:InvokeModelWithResponseStream to the gateway&apos;s IAM user or role, on the model and, for an inference profile, on the profile and the model in each of its regions.</source>
        <translation>Erlauben Sie dem IAM-Benutzer oder der Rolle des Gateways bedrock:InvokeModel und bedrock:InvokeModelWithResponseStream, auf das Modell und bei einem Inference Profile auf das Profil und das Modell in jeder seiner Regionen.</translation>
    </message>
    <message>
        <source>The gateway could not assume the IAM role set for this model (HTTP 422): &quot;{message}&quot;.</source>
        <translation>Das Gateway konnte die für dieses Modell gesetzte IAM-Rolle nicht übernehmen (HTTP 422): &quot;{message}&quot;.</translation>
    </message>
    <message>
        <source>Let the gateway&apos;s identity assume that role (sts:AssumeRole in its policy, the gateway&apos;s principal in the role&apos;s trust policy), or clear the model&apos;s IAM role in GitLab.</source>
        <translation>Erlauben Sie der Identität des Gateways, diese Rolle zu übernehmen (sts:AssumeRole in ihrer Richtlinie, der Principal des Gateways in der Vertrauensrichtlinie der Rolle), oder entfernen Sie die IAM-Rolle des Modells in GitLab.</translation>
    </message>
    <message>
        <source>Bedrock throttled the request (the account&apos;s quota for this model): &quot;{message}&quot;.</source>
        <translation>Bedrock hat die Anfrage gedrosselt (das Kontingent des Kontos für dieses Modell): &quot;{message}&quot;.</translation>
    </message>
    <message>
        <source>Try again later; for lasting load use a cross-region inference profile (us., eu., apac., global.) or ask AWS for a higher quota (Service Quotas &gt; Amazon Bedrock).</source>
        <translation>Versuchen Sie es später erneut; für dauerhafte Last verwenden Sie ein regionsübergreifendes Inference Profile (us., eu., apac., global.) oder beantragen Sie bei AWS ein höheres Kontingent (Service Quotas &gt; Amazon Bedrock).</translation>
    </message>
    <message>
        <source>Azure has no deployment named as {model_identifier} says: the identifier names a model, or a deployment that does not exist (yet).</source>
        <translation>Azure hat kein Deployment mit dem Namen aus {model_identifier}: Der Bezeichner nennt ein Modell oder ein Deployment, das (noch) nicht existiert.</translation>
    </message>
    <message>
        <source>Use azure/&lt;deployment name&gt;: the name under Deployments in Azure AI Foundry, not the model&apos;s name. A deployment created in the last 5 minutes may not answer yet.</source>
        <translation>Verwenden Sie azure/&lt;Deployment-Name&gt;: den Namen unter Deployments in Azure AI Foundry, nicht den Namen des Modells. Ein in den letzten 5 Minuten erstelltes Deployment antwortet womöglich noch nicht.</translation>
    </message>
    <message>
        <source>Azure rejected the gateway&apos;s key, or the endpoint is not the resource&apos;s: &quot;{message}&quot;.</source>
        <translation>Azure hat den Schlüssel des Gateways abgelehnt, oder der Endpunkt ist nicht der der Ressource: &quot;{message}&quot;.</translation>
    </message>
    <message>
        <source>Copy Key 1 of the Azure OpenAI resource (Keys and Endpoint) into GitLab&apos;s self-hosted model {deployment_name} (or AZURE_API_KEY in the gateway) and use the resource&apos;s own endpoint, https://&lt;resource&gt;.openai.azure.com.</source>
        <translation>Kopieren Sie Key 1 der Azure-OpenAI-Ressource (Keys and Endpoint) in das selbst gehostete Modell {deployment_name} in GitLab (oder AZURE_API_KEY im Gateway) und verwenden Sie den Endpunkt der Ressource selbst, https://&lt;resource&gt;.openai.azure.com.</translation>
    </message>
    <message>
        <source>Azure does not support the api-version asked for: &quot;{message}&quot;.</source>
        <translation>Azure unterstützt die angefragte api-version nicht: &quot;{message}&quot;.</translation>
    </message>
    <message>
        <source>Use a current GA api-version such as 2024-10-21 (--azure-api-version here, AZURE_API_VERSION in the gateway); a model&apos;s version (0613, 2024-08-06) is not an api-version.</source>
        <translation>Verwenden Sie eine aktuelle GA-api-version wie 2024-10-21 (hier --azure-api-version, im Gateway AZURE_API_VERSION); die Version eines Modells (0613, 2024-08-06) ist keine api-version.</translation>
    </message>
    <message>
        <source>The model {model_identifier} runs on AWS Bedrock, but the gateway container has no AWS credentials and no region in its environment: unless an instance role supplies both, the gateway cannot call Bedrock.</source>
        <translation>Das Modell {model_identifier} läuft auf AWS Bedrock, aber die Umgebung des Gateway-Containers enthält weder AWS-Zugangsdaten noch eine Region: sofern keine Instanzrolle beides liefert, kann das Gateway Bedrock nicht aufrufen.</translation>
    </message>
    <message>
        <source>Give the gateway AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or an instance role, IRSA, or AWS_BEARER_TOKEN_BEDROCK) and a region as AWS_REGION or AWS_REGION_NAME; behind a VPC endpoint also AWS_BEDROCK_RUNTIME_ENDPOINT. Recreate the container with them.</source>
        <translation>Geben Sie dem Gateway AWS_ACCESS_KEY_ID und AWS_SECRET_ACCESS_KEY (oder eine Instanzrolle, IRSA oder AWS_BEARER_TOKEN_BEDROCK) und eine Region als AWS_REGION oder AWS_REGION_NAME; hinter einem VPC-Endpunkt auch AWS_BEDROCK_RUNTIME_ENDPOINT. Erstellen Sie den Container damit neu.</translation>
    </message>
    <message>
        <source>Azure rejected the key this desktop sent as api-key, or the endpoint is not the resource&apos;s: &quot;{message}&quot;.</source>
        <translation>Azure hat den Schlüssel abgelehnt, den dieser Rechner als api-key gesendet hat, oder der Endpunkt ist nicht der der Ressource: „{message}“.</translation>
    </message>
    <message>
        <source>Use Key 1 or Key 2 of the Azure OpenAI resource (Keys and Endpoint) here and on GitLab&apos;s self-hosted model {deployment_name}, with that resource&apos;s own endpoint, https://&lt;resource&gt;.openai.azure.com.</source>
        <translation>Verwenden Sie Key 1 oder Key 2 der Azure-OpenAI-Ressource (Schlüssel und Endpunkt) hier und beim selbst gehosteten Modell {deployment_name} in GitLab, mit dem eigenen Endpunkt dieser Ressource, https://&lt;resource&gt;.openai.azure.com.</translation>
    </message>
</context>
<context>
    <name>duo::app::Analyze</name>
    <message>
        <source>analyze: cannot read %1: %2</source>
        <translation>analyze: %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Finds known failures in a log or a tool's output: GitLab's llm.log, the AI gateway's log, docker errors, Duo Chat error codes, the output of gitlab-rake gitlab:duo:verify_self_hosted_setup or of the gateway's troubleshooting script. Secrets in the text are redacted before anything is shown or written.
Exit codes: 0 nothing failed found, 1 a failure found, 2 bad input.</source>
        <translation>Findet bekannte Fehler in einem Protokoll oder der Ausgabe eines Werkzeugs: GitLabs llm.log, das Protokoll des AI Gateways, Docker-Fehler, Duo-Chat-Fehlercodes, die Ausgabe von gitlab-rake gitlab:duo:verify_self_hosted_setup oder des Fehlersuchskripts des Gateways. Geheimnisse im Text werden geschwärzt, bevor etwas angezeigt oder geschrieben wird.
Exit-Codes: 0 kein Fehler gefunden, 1 ein Fehler gefunden, 2 ungültige Eingabe.</translation>
    </message>
    <message>
        <source>The text to read, or - for standard input.</source>
        <translation>Der zu lesende Text, oder - für die Standardeingabe.</translation>
    </message>
    <message>
        <source>Output on stdout: text or json.</source>
        <translation>Ausgabe auf stdout: text oder json.</translation>
    </message>
    <message>
        <source>Also write the result to FILE (.json or .txt).</source>
        <translation>Das Ergebnis zusätzlich in DATEI schreiben (.json oder .txt).</translation>
    </message>
    <message>
        <source>Fill the fixes with the URLs and names of the saved profile NAME.</source>
        <translation>Die Behebungen mit den URLs und Namen des gespeicherten Profils NAME füllen.</translation>
    </message>
    <message>
        <source>analyze: name one file, or - for standard input.</source>
        <translation>analyze: nennen Sie eine Datei, oder - für die Standardeingabe.</translation>
    </message>
    <message>
        <source>--format: "%1" is not text or json.</source>
        <translation>--format: „%1“ ist weder text noch json.</translation>
    </message>
    <message>
        <source>--report: %1 should end in .json or .txt.</source>
        <translation>--report: %1 sollte auf .json oder .txt enden.</translation>
    </message>
    <message>
        <source>--profile: %1</source>
        <translation>--profile: %1</translation>
    </message>
    <message>
        <source>--report: cannot write %1: %2</source>
        <translation>--report: %1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>More inputs: files, directories (their files), gzip-compressed files, or -. Lines sharing a correlation_id are shown together as one request.</source>
        <translation>Weitere Eingaben: Dateien, Verzeichnisse (ihre Dateien), gzip-komprimierte Dateien oder -. Zeilen mit derselben correlation_id werden zusammen als eine Anfrage gezeigt.</translation>
    </message>
    <message>
        <source>Output on stdout: text, json or markdown.</source>
        <translation>Ausgabe auf stdout: text, json oder markdown.</translation>
    </message>
    <message>
        <source>Also write the result to FILE (.json, .txt or .md).</source>
        <translation>Das Ergebnis auch in DATEI schreiben (.json, .txt oder .md).</translation>
    </message>
    <message>
        <source>--format: &quot;%1&quot; is not text, json or markdown.</source>
        <translation>--format: „%1“ ist weder text, json noch markdown.</translation>
    </message>
    <message>
        <source>--report: %1 should end in .json, .txt or .md.</source>
        <translation>--report: %1 sollte auf .json, .txt oder .md enden.</translation>
    </message>
    <message>
        <source>analyze: name a file, a directory, or - for standard input.</source>
        <translation>analyze: Nennen Sie eine Datei, ein Verzeichnis oder - für die Standardeingabe.</translation>
    </message>
</context>
<context>
    <name>duo::app::Cli</name>
    <message>
        <source>--%1: expected a number of seconds between 0 and 3600, got "%2".</source>
        <translation>--%1: erwartet eine Anzahl Sekunden zwischen 0 und 3600, erhalten „%2“.</translation>
    </message>
    <message>
        <source>--format: expected text or json, got "%1".</source>
        <translation>--format: erwartet text oder json, erhalten „%1“.</translation>
    </message>
    <message>
        <source>Output on stdout: text (a tree) or json (the duo-doctor.report.v1 object).</source>
        <translation>Ausgabe auf stdout: text (ein Baum) oder json (das Objekt duo-doctor.report.v1).</translation>
    </message>
    <message>
        <source>Runs every check of "Troubleshooting GitLab Duo Self-Hosted Models" without a display.
Exit codes: 0 no check failed, 1 a check failed, 2 bad input, 3 internal error.</source>
        <translation>Führt jede Prüfung von „Troubleshooting GitLab Duo Self-Hosted Models“ ohne Bildschirm aus.
Exit-Codes: 0 keine Prüfung fehlgeschlagen, 1 eine Prüfung fehlgeschlagen, 2 ungültige Eingabe, 3 interner Fehler.</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Diese Hilfe anzeigen.</translation>
    </message>
    <message>
        <source>GitLab's external URL, e.g. https://gitlab.example.com.</source>
        <translation>GitLabs externe URL, z. B. https://gitlab.example.com.</translation>
    </message>
    <message>
        <source>Name of the environment variable holding a GitLab personal access token.</source>
        <translation>Name der Umgebungsvariable mit einem persönlichen GitLab-Zugriffstoken.</translation>
    </message>
    <message>
        <source>The AI gateway's URL, e.g. http://aigw.example.com:5052.</source>
        <translation>Die URL des AI Gateways, z. B. http://aigw.example.com:5052.</translation>
    </message>
    <message>
        <source>The model family GitLab knows: mistral, codestral, llama3, codegemma, general…</source>
        <translation>Die Modellfamilie, die GitLab kennt: mistral, codestral, llama3, codegemma, general…</translation>
    </message>
    <message>
        <source>The model server's OpenAI-compatible base URL, e.g. http://vllm.example.com:8000/v1.</source>
        <translation>Die OpenAI-kompatible Basis-URL des Modellservers, z. B. http://vllm.example.com:8000/v1.</translation>
    </message>
    <message>
        <source>The identifier, e.g. custom_openai/mistralai/Mistral-7B-Instruct-v0.3.</source>
        <translation>Der Bezeichner, z. B. custom_openai/mistralai/Mistral-7B-Instruct-v0.3.</translation>
    </message>
    <message>
        <source>GitLab's name for the self-hosted model (default: the model name).</source>
        <translation>GitLabs Name für das selbst gehostete Modell (Standard: der Modellname).</translation>
    </message>
    <message>
        <source>Name of the environment variable holding the model server's API key.</source>
        <translation>Name der Umgebungsvariable mit dem API-Schlüssel des Modellservers.</translation>
    </message>
    <message>
        <source>Deadline per request in seconds (default 10).</source>
        <translation>Frist pro Anfrage in Sekunden (Standard 10).</translation>
    </message>
    <message>
        <source>Deadline for requests that make the model generate (default 60, GitLab's default).</source>
        <translation>Frist für Anfragen, die das Modell erzeugen lassen (Standard 60, GitLabs Standard).</translation>
    </message>
    <message>
        <source>Largest answer accepted from a server (default 1048576).</source>
        <translation>Größte von einem Server akzeptierte Antwort (Standard 1048576).</translation>
    </message>
    <message>
        <source>Connect to ADDRESS when a URL names HOST:PORT, like curl --resolve. Repeatable.</source>
        <translation>Mit ADRESSE verbinden, wenn eine URL HOST:PORT nennt, wie curl --resolve. Wiederholbar.</translation>
    </message>
    <message>
        <source>Output of manual step ID (e.g. manual.rake_verify) saved in FILE. Repeatable.</source>
        <translation>Ausgabe des manuellen Schritts ID (z. B. manual.rake_verify), gespeichert in DATEI. Wiederholbar.</translation>
    </message>
    <message>
        <source>Unexpected argument "%1"; secrets are read from environment variables, see --help.</source>
        <translation>Unerwartetes Argument „%1“; Geheimnisse werden aus Umgebungsvariablen gelesen, siehe --help.</translation>
    </message>
    <message>
        <source>--%1: the environment variable %2 is not set or empty.</source>
        <translation>--%1: die Umgebungsvariable %2 ist nicht gesetzt oder leer.</translation>
    </message>
    <message>
        <source>--model-name: required with --model-endpoint (the family GitLab knows, e.g. mistral).</source>
        <translation>--model-name: nötig mit --model-endpoint (die Familie, die GitLab kennt, z. B. mistral).</translation>
    </message>
    <message>
        <source>--max-response-bytes: expected a number of bytes of at least 1024.</source>
        <translation>--max-response-bytes: erwartet eine Anzahl Bytes von mindestens 1024.</translation>
    </message>
    <message>
        <source>--resolve %1: expected HOST:PORT:ADDRESS, e.g. llm.internal:8000:10.0.0.5.</source>
        <translation>--resolve %1: erwartet HOST:PORT:ADRESSE, z. B. llm.internal:8000:10.0.0.5.</translation>
    </message>
    <message>
        <source>--manual-output %1: expected ID=FILE with ID a manual step such as manual.rake_verify.</source>
        <translation>--manual-output %1: erwartet ID=DATEI, wobei ID ein manueller Schritt ist, etwa manual.rake_verify.</translation>
    </message>
    <message>
        <source>--manual-output %1: cannot read %2: %3.</source>
        <translation>--manual-output %1: %2 kann nicht gelesen werden: %3.</translation>
    </message>
    <message>
        <source>Starts a simulated GitLab, AI gateway and model server on 127.0.0.1 and diagnoses them.</source>
        <translation>Startet ein simuliertes GitLab, AI Gateway und einen Modellserver auf 127.0.0.1 und untersucht sie.</translation>
    </message>
    <message>
        <source>Print the diagnosis even when a display is available.</source>
        <translation>Die Diagnose ausgeben, auch wenn ein Bildschirm verfügbar ist.</translation>
    </message>
    <message>
        <source>List the scenarios.</source>
        <translation>Die Szenarien auflisten.</translation>
    </message>
    <message>
        <source>What to break (default: healthy). See --list.</source>
        <translation>Was kaputt sein soll (Standard: healthy). Siehe --list.</translation>
    </message>
    <message>
        <source>demo takes one scenario, got %1.</source>
        <translation>demo nimmt ein Szenario, erhalten: %1.</translation>
    </message>
    <message>
        <source>--report %1: cannot write: %2</source>
        <translation>--report %1: kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Log what happens (info level) on stderr and in the log file.</source>
        <translation>Protokolliert, was geschieht (Stufe info), auf stderr und in der Protokolldatei.</translation>
    </message>
    <message>
        <source>trace, debug, info, warn, error or off (default: warn on stderr, info in the log file).</source>
        <translation>trace, debug, info, warn, error oder off (Standard: warn auf stderr, info in der Protokolldatei).</translation>
    </message>
    <message>
        <source>Start from the saved profile NAME (or id); its secrets come from the keychain. Other flags override its values.</source>
        <translation>Vom gespeicherten Profil NAME (oder id) ausgehen; seine Geheimnisse kommen aus dem Schlüsselbund. Andere Optionen überschreiben seine Werte.</translation>
    </message>
    <message>
        <source>Also trust the CA certificates in FILE (PEM), e.g. a private CA or a TLS-inspecting proxy's.</source>
        <translation>Zusätzlich den CA-Zertifikaten in DATEI (PEM) vertrauen, z. B. einer privaten CA oder der eines TLS-inspizierenden Proxys.</translation>
    </message>
    <message>
        <source>Trust the certificate whose SHA-256 fingerprint is given, for HOST only (as shown in a report). Repeatable.</source>
        <translation>Dem Zertifikat mit dem angegebenen SHA-256-Fingerabdruck vertrauen, nur für HOST (wie im Bericht gezeigt). Wiederholbar.</translation>
    </message>
    <message>
        <source>Proxy for every request: a URL such as http://proxy:3128, "none", or "environment" (default: http_proxy, https_proxy and no_proxy, as curl reads them).</source>
        <translation>Proxy für jede Anfrage: eine URL wie http://proxy:3128, „none“ oder „environment“ (Standard: http_proxy, https_proxy und no_proxy, so wie curl sie liest).</translation>
    </message>
    <message>
        <source>--ca-file %1: %2.</source>
        <translation>--ca-file %1: %2.</translation>
    </message>
    <message>
        <source>--trust-cert %1: expected HOST=SHA256 with the 64 hex digits of the certificate's SHA-256 fingerprint.</source>
        <translation>--trust-cert %1: erwartet HOST=SHA256 mit den 64 Hexziffern des SHA-256-Fingerabdrucks des Zertifikats.</translation>
    </message>
    <message>
        <source>--proxy %1: expected none, environment or a URL such as http://proxy.example.com:3128.</source>
        <translation>--proxy %1: erwartet none, environment oder eine URL wie http://proxy.example.com:3128.</translation>
    </message>
    <message>
        <source>--profile %1: %2 — give the secrets with --gitlab-token-env and --model-key-env instead.</source>
        <translation>--profile %1: %2 — geben Sie die Geheimnisse stattdessen mit --gitlab-token-env und --model-key-env an.</translation>
    </message>
    <message>
        <source>--profile %1: the run's summary was not saved: %2</source>
        <translation>--profile %1: die Zusammenfassung des Laufs wurde nicht gespeichert: %2</translation>
    </message>
    <message>
        <source>Language of the output, e.g. de or fr (default: the system's).</source>
        <translation>Sprache der Ausgabe, z. B. de oder fr (Standard: die des Systems).</translation>
    </message>
    <message>
        <source>--report %1: the file name must end in .json, .html, .md, .txt or .xml (JUnit).</source>
        <translation>--report %1: der Dateiname muss auf .json, .html, .md, .txt oder .xml (JUnit) enden.</translation>
    </message>
    <message>
        <source>Also write the report to FILE (.json, .html, .md, .txt, or .xml for a JUnit test report). Repeatable.</source>
        <translation>Den Bericht zusätzlich in DATEI schreiben (.json, .html, .md, .txt oder .xml für einen JUnit-Testbericht). Wiederholbar.</translation>
    </message>
    <message>
        <source>Check every saved profile (a fleet), a few at a time; prints one line (or JSON object) per profile.</source>
        <translation>Jedes gespeicherte Profil prüfen (eine Flotte), einige gleichzeitig; gibt eine Zeile (oder ein JSON-Objekt) pro Profil aus.</translation>
    </message>
    <message>
        <source>Check the profiles listed in FILE (a JSON array of profiles, as `profiles export` writes them, or {"profiles": [...]}), a few at a time. Secrets come from --gitlab-token-env and --model-key-env.</source>
        <translation>Die in DATEI aufgeführten Profile prüfen (ein JSON-Array von Profilen, wie `profiles export` sie schreibt, oder {"profiles": [...]}), einige gleichzeitig. Geheimnisse kommen aus --gitlab-token-env und --model-key-env.</translation>
    </message>
    <message>
        <source>With --all-profiles or --fleet: how many profiles are checked at the same time (default 8).</source>
        <translation>Mit --all-profiles oder --fleet: wie viele Profile gleichzeitig geprüft werden (Standard 8).</translation>
    </message>
    <message>
        <source>Output of Duo Doctor's container probe (duo-doctor probe-script), run inside the gateway container and saved in FILE: answers the container-side manual steps.</source>
        <translation>Ausgabe der Container-Probe von Duo Doctor (duo-doctor probe-script), im Gateway-Container ausgeführt und in DATEI gespeichert: beantwortet die manuellen Schritte auf Container-Seite.</translation>
    </message>
    <message>
        <source>--all-profiles, --fleet and --profile: choose one.</source>
        <translation>--all-profiles, --fleet und --profile: wählen Sie eines.</translation>
    </message>
    <message>
        <source>--jobs: expected a number between 1 and 64.</source>
        <translation>--jobs: erwartet eine Zahl zwischen 1 und 64.</translation>
    </message>
    <message>
        <source>--container-probe: cannot read %1: %2.</source>
        <translation>--container-probe: %1 kann nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <source>--container-probe %1: %2.</source>
        <translation>--container-probe %1: %2.</translation>
    </message>
    <message>
        <source>--manual-output and --container-probe describe one setup: use them with --profile or the setup's own flags, not with --all-profiles or --fleet.</source>
        <translation>--manual-output und --container-probe beschreiben eine einzelne Einrichtung: Verwenden Sie sie mit --profile oder den eigenen Optionen der Einrichtung, nicht mit --all-profiles oder --fleet.</translation>
    </message>
    <message>
        <source>The GitLab Duo Agent Platform service (gRPC, GitLab 18 and later), e.g. aigw.example.com:50052, without http://. Default: the address GitLab stores.</source>
        <translation>Der Dienst GitLab Duo Agent Platform (gRPC, ab GitLab 18), z. B. aigw.example.com:50052, ohne http://. Standard: die Adresse, die GitLab gespeichert hat.</translation>
    </message>
    <message>
        <source>Azure OpenAI&apos;s api-version for azure/ identifiers (default 2024-10-21).</source>
        <translation>Die api-version von Azure OpenAI für azure/-Bezeichner (Standard 2024-10-21).</translation>
    </message>
</context>
<context>
    <name>duo::app::Fleet</name>
    <message>
        <source>could not record the last runs: %1</source>
        <translation>die letzten Läufe konnten nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>cannot read the profile %1: %2</source>
        <translation>das Profil %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>--all-profiles: there are no saved profiles.</source>
        <translation>--all-profiles: es gibt keine gespeicherten Profile.</translation>
    </message>
    <message>
        <source>--fleet: cannot read %1: %2</source>
        <translation>--fleet: %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>--fleet: %1 is not valid JSON at byte %2: %3</source>
        <translation>--fleet: %1 ist kein gültiges JSON bei Byte %2: %3</translation>
    </message>
    <message>
        <source>entry %1</source>
        <translation>Eintrag %1</translation>
    </message>
    <message>
        <source>--fleet: entry %1 of %2: %3</source>
        <translation>--fleet: Eintrag %1 von %2: %3</translation>
    </message>
    <message>
        <source>--fleet: %1 lists no profile; expected a JSON array of profiles or {"profiles": [...]}.</source>
        <translation>--fleet: %1 führt kein Profil auf; erwartet ein JSON-Array von Profilen oder {"profiles": [...]}.</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>pass fail warn manual  root cause</source>
        <translation>ok   fehl warn manuell Ursache</translation>
    </message>
    <message>
        <source>not run: %1</source>
        <translation>nicht ausgeführt: %1</translation>
    </message>
    <message>
        <source>--report: cannot write %1: %2</source>
        <translation>--report: %1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>--fleet: entry %1 of %2 is not a profile (a JSON object with gitlab_url, gateway_url or model_endpoint).</source>
        <translation>--fleet: Eintrag %1 von %2 ist kein Profil (ein JSON-Objekt mit gitlab_url, gateway_url oder model_endpoint).</translation>
    </message>
    <message>
        <source>--fleet: entry %1 of %2 (%3) names no server: give gitlab_url, gateway_url or model_endpoint.</source>
        <translation>--fleet: Eintrag %1 von %2 (%3) nennt keinen Server: Geben Sie gitlab_url, gateway_url oder model_endpoint an.</translation>
    </message>
    <message>
        <source>%1: this fleet names %2 different servers (%3), and one secret belongs to one of them. Save each setup as a profile with its own secrets in the keychain (duo-doctor profiles save) and run --all-profiles without %1, or run one fleet per server.</source>
        <translation>%1: Diese Flotte nennt %2 verschiedene Server (%3), und ein Geheimnis gehört zu einem von ihnen. Speichern Sie jede Einrichtung als Profil mit eigenen Geheimnissen im Schlüsselbund (duo-doctor profiles save) und führen Sie --all-profiles ohne %1 aus, oder führen Sie eine Flotte pro Server aus.</translation>
    </message>
</context>
<context>
    <name>duo::app::Import</name>
    <message>
        <source>Usage: duo-doctor profiles import --gitlab-url URL --gitlab-token-env VAR [--gateway-url URL] [--update] [--format text|json]
Makes a profile per self-hosted model GitLab has (an administrator's token). A profile of the same name that disagrees with GitLab is shown with its differences and updated only with --update. Secrets are not stored: add them with duo-doctor profiles save NAME --gitlab-token-env … --model-key-env ….
</source>
        <translation>Aufruf: duo-doctor profiles import --gitlab-url URL --gitlab-token-env VAR [--gateway-url URL] [--update] [--format text|json]
Legt für jedes selbst gehostete Modell, das GitLab hat, ein Profil an (mit dem Token eines Administrators). Ein gleichnamiges Profil, das von GitLab abweicht, wird mit seinen Unterschieden angezeigt und nur mit --update aktualisiert. Geheimnisse werden nicht gespeichert: fügen Sie sie mit duo-doctor profiles save NAME --gitlab-token-env … --model-key-env … hinzu.
</translation>
    </message>
    <message>
        <source>profiles import: needs --gitlab-url and --gitlab-token-env with an administrator's token.</source>
        <translation>profiles import: braucht --gitlab-url und --gitlab-token-env mit dem Token eines Administrators.</translation>
    </message>
    <message>
        <source>GitLab did not answer.</source>
        <translation>GitLab hat nicht geantwortet.</translation>
    </message>
    <message>
        <source>profiles import: cannot read GitLab's self-hosted models: %1</source>
        <translation>profiles import: die selbst gehosteten Modelle von GitLab können nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>created</source>
        <translation>angelegt</translation>
    </message>
    <message>
        <source>updated</source>
        <translation>aktualisiert</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>unverändert</translation>
    </message>
    <message>
        <source>differs from GitLab, kept (--update takes GitLab's values)</source>
        <translation>weicht von GitLab ab, beibehalten (--update übernimmt die Werte von GitLab)</translation>
    </message>
    <message>
        <source>    %1: %2 in the profile, %3 in GitLab
</source>
        <translation>    %1: %2 im Profil, %3 in GitLab
</translation>
    </message>
    <message>
        <source>GitLab has no self-hosted model configured (Admin &gt; GitLab Duo &gt; Self-hosted models).
</source>
        <translation>In GitLab ist kein selbst gehostetes Modell konfiguriert (Admin &gt; GitLab Duo &gt; Self-hosted models).
</translation>
    </message>
    <message>
        <source>    no GitLab Duo feature uses this model
</source>
        <translation>    keine GitLab-Duo-Funktion verwendet dieses Modell
</translation>
    </message>
    <message>
        <source>    used by %1
</source>
        <translation>    verwendet von %1
</translation>
    </message>
    <message>
        <source>GitLab's AI gateway URL is not taken: %1</source>
        <translation>Die AI-Gateway-URL von GitLab wird nicht übernommen: %1</translation>
    </message>
    <message>
        <source>%1: not imported, its endpoint is not usable: %2</source>
        <translation>%1: nicht importiert, sein Endpunkt ist nicht verwendbar: %2</translation>
    </message>
</context>
<context>
    <name>duo::app::Main</name>
    <message>
        <source>demo: %1</source>
        <translation>demo: %1</translation>
    </message>
    <message>
        <source>Simulated stack "%1" on 127.0.0.1. Checking it as an admin would…
</source>
        <translation>Simulierter Stack „%1“ auf 127.0.0.1. Er wird geprüft, wie eine Administratorin es täte…
</translation>
    </message>
    <message>
        <source>Duo Doctor</source>
        <translation>Duo Doctor</translation>
    </message>
    <message>
        <source>unknown command "%1".
%2</source>
        <translation>unbekannter Befehl „%1“.
%2</translation>
    </message>
    <message>
        <source>demo: unknown scenario "%1"; duo-doctor demo --list shows them.</source>
        <translation>demo: unbekanntes Szenario „%1“; duo-doctor demo --list zeigt sie.</translation>
    </message>
    <message>
        <source>Usage: duo-doctor [check|demo] [options]

Troubleshoots GitLab Duo with self-hosted models: GitLab -&gt; AI gateway -&gt; model server.

  duo-doctor                 open the wizard
  duo-doctor check [options] run every check headless (see duo-doctor check --help)
  duo-doctor demo [SCENARIO] diagnose a simulated stack (see duo-doctor demo --help)
  duo-doctor profiles        list, save or delete saved profiles (see duo-doctor profiles --help)
  duo-doctor probe-script    a sh script to run inside the gateway container (see --help)
  duo-doctor analyze FILE|-  find known failures in a log or a tool's output (see duo-doctor analyze --help)
  duo-doctor --version       print the version</source>
        <translation>Aufruf: duo-doctor [check|demo] [Optionen]

Hilft bei der Fehlersuche in GitLab Duo mit selbst gehosteten Modellen: GitLab -&gt; AI Gateway -&gt; Modellserver.

  duo-doctor                  den Assistenten öffnen
  duo-doctor check [Optionen] jede Prüfung ohne Bildschirm ausführen (siehe duo-doctor check --help)
  duo-doctor demo [SZENARIO]  einen simulierten Stack diagnostizieren (siehe duo-doctor demo --help)
  duo-doctor profiles         gespeicherte Profile auflisten, speichern oder löschen (siehe duo-doctor profiles --help)
  duo-doctor probe-script     ein sh-Skript zum Ausführen im Gateway-Container (siehe --help)
  duo-doctor analyze DATEI|-  bekannte Fehler in einem Protokoll oder der Ausgabe eines Werkzeugs finden (siehe duo-doctor analyze --help)
  duo-doctor --version        die Version ausgeben</translation>
    </message>
    <message>
        <source>Usage: duo-doctor probe-script [--profile NAME | --gitlab-url URL --model-endpoint URL …] &gt; duo-doctor-probe.sh
Prints a POSIX sh script to run inside the AI gateway container; pass what it prints to duo-doctor check --container-probe FILE or paste it into the wizard.</source>
        <translation>Aufruf: duo-doctor probe-script [--profile NAME | --gitlab-url URL --model-endpoint URL …] &gt; duo-doctor-probe.sh
Gibt ein POSIX-sh-Skript aus, das im AI-Gateway-Container ausgeführt wird; übergeben Sie seine Ausgabe an duo-doctor check --container-probe DATEI oder fügen Sie sie in den Assistenten ein.</translation>
    </message>
</context>
<context>
    <name>duo::app::Profiles</name>
    <message>
        <source>never run</source>
        <translation>nie ausgeführt</translation>
    </message>
    <message>
        <source>%1: no check failed</source>
        <translation>%1: keine Prüfung fehlgeschlagen</translation>
    </message>
    <message>
        <source>%1: %2 failed, root cause %3</source>
        <translation>%1: %2 fehlgeschlagen, Ursache %3</translation>
    </message>
    <message>
        <source>duo-doctor: cannot read the profile %1: %2 (the file is left as it is)</source>
        <translation>duo-doctor: das Profil %1 kann nicht gelesen werden: %2 (die Datei bleibt, wie sie ist)</translation>
    </message>
    <message>
        <source>No profiles in %1. Save one with: duo-doctor profiles save NAME --gitlab-url … --model-key-env VAR</source>
        <translation>Keine Profile in %1. Speichern Sie eines mit: duo-doctor profiles save NAME --gitlab-url … --model-key-env VAR</translation>
    </message>
    <message>
        <source>  GitLab %1 · gateway %2 · model %3 at %4</source>
        <translation>  GitLab %1 · Gateway %2 · Modell %3 unter %4</translation>
    </message>
    <message>
        <source>  last run: %1 · id %2</source>
        <translation>  letzter Lauf: %1 · id %2</translation>
    </message>
    <message>
        <source>profiles save: give the profile's NAME first, then the check flags.</source>
        <translation>profiles save: geben Sie zuerst den NAMEN des Profils an, dann die Prüfoptionen.</translation>
    </message>
    <message>
        <source>profiles save NAME takes the flags of duo-doctor check (see duo-doctor check --help).</source>
        <translation>profiles save NAME nimmt die Optionen von duo-doctor check (siehe duo-doctor check --help).</translation>
    </message>
    <message>
        <source>profiles save %1: the profile is saved, its secrets are not: %2</source>
        <translation>profiles save %1: das Profil ist gespeichert, seine Geheimnisse nicht: %2</translation>
    </message>
    <message>
        <source>Saved profile "%1" (%2); secrets, if any, are in the keychain.</source>
        <translation>Profil „%1“ (%2) gespeichert; Geheimnisse, falls vorhanden, liegen im Schlüsselbund.</translation>
    </message>
    <message>
        <source>profiles delete: give exactly one profile NAME.</source>
        <translation>profiles delete: geben Sie genau einen Profil-NAMEN an.</translation>
    </message>
    <message>
        <source>duo-doctor: the keychain entries of %1 stay: %2</source>
        <translation>duo-doctor: die Schlüsselbund-Einträge von %1 bleiben: %2</translation>
    </message>
    <message>
        <source>Deleted profile "%1".</source>
        <translation>Profil „%1“ gelöscht.</translation>
    </message>
    <message>
        <source>profiles export: --output needs a FILE.</source>
        <translation>profiles export: --output braucht eine DATEI.</translation>
    </message>
    <message>
        <source>profiles export: unknown option "%1"; use NAME … [--output FILE].</source>
        <translation>profiles export: unbekannte Option „%1“; verwenden Sie NAME … [--output DATEI].</translation>
    </message>
    <message>
        <source>profiles export: there are no saved profiles in %1.</source>
        <translation>profiles export: in %1 gibt es keine gespeicherten Profile.</translation>
    </message>
    <message>
        <source>profiles export: cannot write %1: %2</source>
        <translation>profiles export: %1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Wrote %1 without secrets; profiles in it: %2.</source>
        <translation>%1 ohne Geheimnisse geschrieben; enthaltene Profile: %2.</translation>
    </message>
    <message>
        <source>Usage: duo-doctor profiles [list] [--format text|json]
       duo-doctor profiles save NAME [flags of duo-doctor check]
       duo-doctor profiles delete NAME
       duo-doctor profiles import --gitlab-url URL --gitlab-token-env VAR [--update]
       duo-doctor profiles export [NAME …] [--output FILE]   (a fleet file, no secrets)
Profiles live in %1; their secrets in the OS keychain.</source>
        <translation>Aufruf: duo-doctor profiles [list] [--format text|json]
        duo-doctor profiles save NAME [Optionen von duo-doctor check]
        duo-doctor profiles delete NAME
        duo-doctor profiles import --gitlab-url URL --gitlab-token-env VAR [--update]
        duo-doctor profiles export [NAME …] [--output DATEI]   (eine Flottendatei, ohne Geheimnisse)
Profile liegen in %1; ihre Geheimnisse im Schlüsselbund des Betriebssystems.</translation>
    </message>
    <message>
        <source>profiles: unknown action "%1"; use list, save, import, export or delete.</source>
        <translation>profiles: unbekannte Aktion „%1“; verwenden Sie list, save, import, export oder delete.</translation>
    </message>
</context>
<context>
    <name>duo::sim</name>
    <message>
        <source>A simulated GitLab, AI gateway and model server on 127.0.0.1.</source>
        <translation>Ein simuliertes GitLab, AI Gateway und ein Modellserver auf 127.0.0.1.</translation>
    </message>
    <message>
        <source>What to break (default: healthy).</source>
        <translation>Was kaputt sein soll (Standard: healthy).</translation>
    </message>
    <message>
        <source>List the scenarios.</source>
        <translation>Die Szenarien auflisten.</translation>
    </message>
    <message>
        <source>Delay every answer by MS milliseconds.</source>
        <translation>Jede Antwort um MS Millisekunden verzögern.</translation>
    </message>
    <message>
        <source>Record every request received to FILE (JSON lines).</source>
        <translation>Jede empfangene Anfrage in DATEI aufzeichnen (JSON-Zeilen).</translation>
    </message>
    <message>
        <source>Stop after SECONDS.</source>
        <translation>Nach SEKUNDEN aufhören.</translation>
    </message>
</context>
<context>
    <name>duo::ui::CheckTreeModel</name>
    <message>
        <source>Root causes</source>
        <translation>Ursachen</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>none found</source>
        <translation>keine gefunden</translation>
    </message>
    <message numerus="yes">
        <source>%n found</source>
        <translation>
            <numerusform>%n gefunden</numerusform>
            <numerusform>%n gefunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n fehlgeschlagen</numerusform>
            <numerusform>%n fehlgeschlagen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n need you</source>
        <translation>
            <numerusform>%n braucht Sie</numerusform>
            <numerusform>%n brauchen Sie</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 done</source>
        <translation>%1 von %2 fertig</translation>
    </message>
    <message>
        <source>done</source>
        <translation>fertig</translation>
    </message>
    <message numerus="yes">
        <source>explains %n other check(s)</source>
        <translation>
            <numerusform>erklärt %n andere Prüfung</numerusform>
            <numerusform>erklärt %n andere Prüfungen</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>&lt;1 ms</source>
        <translation>&lt;1 ms</translation>
    </message>
    <message numerus="yes">
        <source>explains %n</source>
        <translation>
            <numerusform>erklärt %n</numerusform>
            <numerusform>erklärt %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Explains %n other check(s)</source>
        <translation>
            <numerusform>Erklärt %n weitere Prüfung</numerusform>
            <numerusform>Erklärt %n weitere Prüfungen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>duo::ui::ContainerProbePanel</name>
    <message>
        <source>Three manual steps need a shell in the AI gateway container. This script answers them at once: it only reads (the gateway's settings without secrets, its health, the model endpoint and GitLab's name as the container sees them) and needs nothing but sh and curl or python3. Save it as duo-doctor-probe.sh, run it as shown, and paste the line it prints below.</source>
        <translation>Drei manuelle Schritte brauchen eine Shell im AI-Gateway-Container. Dieses Skript beantwortet sie auf einmal: es liest nur (die Einstellungen des Gateways ohne Geheimnisse, seinen Zustand, den Modell-Endpunkt und GitLabs Namen, wie der Container sie sieht) und braucht nichts als sh und curl oder python3. Speichern Sie es als duo-doctor-probe.sh, führen Sie es wie gezeigt aus und fügen Sie die ausgegebene Zeile unten ein.</translation>
    </message>
    <message>
        <source>How to run the probe</source>
        <translation>So führen Sie die Probe aus</translation>
    </message>
    <message>
        <source>The container probe script</source>
        <translation>Das Skript der Container-Probe</translation>
    </message>
    <message>
        <source>Paste the probe's output here</source>
        <translation>Fügen Sie die Ausgabe der Probe hier ein</translation>
    </message>
    <message>
        <source>Paste what the probe printed: one line starting with {"schema":"duo-doctor.container-probe.v1"</source>
        <translation>Fügen Sie ein, was die Probe ausgegeben hat: eine Zeile, die mit {"schema":"duo-doctor.container-probe.v1" beginnt</translation>
    </message>
    <message>
        <source>Copy the probe script</source>
        <translation>Das Probe-Skript kopieren</translation>
    </message>
    <message>
        <source>Sa&amp;ve script…</source>
        <translation>S&amp;kript speichern…</translation>
    </message>
    <message>
        <source>Save the probe script to a file</source>
        <translation>Das Probe-Skript in einer Datei speichern</translation>
    </message>
    <message>
        <source>&amp;Use this output</source>
        <translation>Diese Ausgabe &amp;verwenden</translation>
    </message>
    <message>
        <source>Judge the container steps from the pasted output</source>
        <translation>Die Container-Schritte anhand der eingefügten Ausgabe beurteilen</translation>
    </message>
    <message>
        <source>Save the probe script</source>
        <translation>Das Probe-Skript speichern</translation>
    </message>
    <message>
        <source>Shell scripts (*.sh)</source>
        <translation>Shell-Skripte (*.sh)</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>%1 gespeichert.</translation>
    </message>
    <message>
        <source>Not used: %1.</source>
        <translation>Nicht verwendet: %1.</translation>
    </message>
    <message>
        <source>Used: the container steps are now judged from inside the gateway.</source>
        <translation>Verwendet: die Container-Schritte werden jetzt aus dem Gateway heraus beurteilt.</translation>
    </message>
    <message>
        <source>Cop&amp;y script</source>
        <translation>Skript k&amp;opieren</translation>
    </message>
</context>
<context>
    <name>duo::ui::DetailPane</name>
    <message>
        <source>Details of the selected check</source>
        <translation>Details der gewählten Prüfung</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy command: %1</source>
        <translation>Befehl kopieren: %1</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Kopiert</translation>
    </message>
    <message>
        <source>checked %1</source>
        <translation>geprüft %1</translation>
    </message>
    <message>
        <source>Status: %1</source>
        <translation>Status: %1</translation>
    </message>
    <message>
        <source>Troubleshooting page: &lt;a href="%1"&gt;%2&lt;/a&gt;</source>
        <translation>Fehlersuchseite: &lt;a href="%1"&gt;%2&lt;/a&gt;</translation>
    </message>
    <message>
        <source>Troubleshooting page section: %1</source>
        <translation>Abschnitt der Fehlersuchseite: %1</translation>
    </message>
    <message>
        <source>What was found</source>
        <translation>Was gefunden wurde</translation>
    </message>
    <message>
        <source>What was checked</source>
        <translation>Was geprüft wurde</translation>
    </message>
    <message>
        <source>Root cause of</source>
        <translation>Ursache von</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>Belege</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Warum</translation>
    </message>
    <message>
        <source>How to fix it</source>
        <translation>So beheben Sie es</translation>
    </message>
    <message>
        <source>%1, issued by %2, valid %3 to %4
SHA-256 %5</source>
        <translation>%1, ausgestellt von %2, gültig %3 bis %4
SHA-256 %5</translation>
    </message>
    <message>
        <source>Certificate chain</source>
        <translation>Zertifikatskette</translation>
    </message>
    <message>
        <source>Trust this certificate for %1</source>
        <translation>Diesem Zertifikat für %1 vertrauen</translation>
    </message>
    <message>
        <source>Trust this certificate for %1 only, by its fingerprint</source>
        <translation>Diesem Zertifikat nur für %1 vertrauen, anhand seines Fingerabdrucks</translation>
    </message>
    <message>
        <source>Paste the output here</source>
        <translation>Fügen Sie die Ausgabe hier ein</translation>
    </message>
    <message>
        <source>Output of the manual step</source>
        <translation>Ausgabe des manuellen Schritts</translation>
    </message>
    <message>
        <source>Paste what the command printed; Duo Doctor judges it at once.</source>
        <translation>Fügen Sie ein, was der Befehl ausgegeben hat; Duo Doctor beurteilt es sofort.</translation>
    </message>
    <message>
        <source>Evaluate output</source>
        <translation>Ausgabe auswerten</translation>
    </message>
    <message>
        <source>Evaluate the pasted output</source>
        <translation>Die eingefügte Ausgabe auswerten</translation>
    </message>
    <message>
        <source>Re-run this check</source>
        <translation>Diese Prüfung wiederholen</translation>
    </message>
    <message>
        <source>Also explains</source>
        <translation>Erklärt auch</translation>
    </message>
    <message>
        <source>Checks this root cause explains</source>
        <translation>Prüfungen, die diese Ursache erklärt</translation>
    </message>
    <message>
        <source>Paste what the command printed, then press Evaluate (Ctrl+Enter). Tab moves on to Evaluate.</source>
        <translation>Fügen Sie ein, was der Befehl ausgab, und drücken Sie dann „Ausgabe auswerten“ (Strg+Eingabe). Tab springt zu dieser Schaltfläche.</translation>
    </message>
    <message>
        <source>The automatic check this step confirms: %1</source>
        <translation>Die automatische Prüfung, die dieser Schritt bestätigt: %1</translation>
    </message>
</context>
<context>
    <name>duo::ui::DiagnosisPage</name>
    <message>
        <source>Diagnosis</source>
        <translation>Diagnose</translation>
    </message>
    <message>
        <source>Root causes first: fix those and the checks they explain usually follow. Select a check for its evidence and fix.</source>
        <translation>Ursachen zuerst: beheben Sie diese, und die Prüfungen, die sie erklären, folgen meist. Wählen Sie eine Prüfung für ihre Belege und Behebung.</translation>
    </message>
    <message>
        <source>Diagnosis tree</source>
        <translation>Diagnosebaum</translation>
    </message>
    <message>
        <source>Re-run &amp;all</source>
        <translation>&amp;Alle wiederholen</translation>
    </message>
    <message>
        <source>Re-run all checks</source>
        <translation>Alle Prüfungen wiederholen</translation>
    </message>
    <message>
        <source>&amp;Export report…</source>
        <translation>Bericht &amp;exportieren…</translation>
    </message>
    <message>
        <source>Export the report as HTML, Markdown or JSON</source>
        <translation>Den Bericht als HTML, Markdown oder JSON exportieren</translation>
    </message>
    <message>
        <source>&amp;Save profile…</source>
        <translation>Profil spei&amp;chern…</translation>
    </message>
    <message>
        <source>Save this setup as a profile; secrets go to the keychain</source>
        <translation>Diese Einrichtung als Profil speichern; Geheimnisse kommen in den Schlüsselbund</translation>
    </message>
    <message>
        <source>Copy the report as Markdown and open GitLab's new-issue page</source>
        <translation>Den Bericht als Markdown kopieren und GitLabs Seite für neue Issues öffnen</translation>
    </message>
    <message>
        <source>Save profile</source>
        <translation>Profil speichern</translation>
    </message>
    <message>
        <source>Profile name:</source>
        <translation>Profilname:</translation>
    </message>
    <message>
        <source>The run was cancelled: the diagnosis covers the checks that finished. Re-run all to complete it.</source>
        <translation>Der Lauf wurde abgebrochen: die Diagnose umfasst die fertigen Prüfungen. Wiederholen Sie alle, um sie zu vervollständigen.</translation>
    </message>
    <message>
        <source>No check failed. The manual steps below can confirm what only the Rails console or the gateway container can see.</source>
        <translation>Keine Prüfung fehlgeschlagen. Die manuellen Schritte unten bestätigen, was nur die Rails-Konsole oder der Gateway-Container sehen können.</translation>
    </message>
    <message>
        <source>No check failed.</source>
        <translation>Keine Prüfung fehlgeschlagen.</translation>
    </message>
    <message>
        <source>Most likely cause: %1 — %2</source>
        <translation>Wahrscheinlichste Ursache: %1 — %2</translation>
    </message>
    <message>
        <source>Trusting the certificate %1 for %2 only%3; checking again.</source>
        <translation>Dem Zertifikat %1 wird nur für %2 vertraut%3; es wird erneut geprüft.</translation>
    </message>
    <message>
        <source> (kept in the profile “%1”)</source>
        <translation> (im Profil „%1“ gespeichert)</translation>
    </message>
    <message>
        <source>The report (Markdown, secrets redacted) is on the clipboard: paste it into the new issue.</source>
        <translation>Der Bericht (Markdown, Geheimnisse geschwärzt) liegt in der Zwischenablage: fügen Sie ihn in das neue Issue ein.</translation>
    </message>
    <message>
        <source>The report (Markdown, secrets redacted) is on the clipboard. Open %1 and paste it into a new issue.</source>
        <translation>Der Bericht (Markdown, Geheimnisse geschwärzt) liegt in der Zwischenablage. Öffnen Sie %1 und fügen Sie ihn in ein neues Issue ein.</translation>
    </message>
    <message>
        <source>Choose a name ending in .html, .md, .json or .txt.</source>
        <translation>Wählen Sie einen Namen mit .html, .md, .json oder .txt am Ende.</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>Bericht exportieren</translation>
    </message>
    <message>
        <source>Could not export the report to %1: %2</source>
        <translation>Der Bericht konnte nicht nach %1 exportiert werden: %2</translation>
    </message>
    <message>
        <source>Report written to %1.</source>
        <translation>Bericht nach %1 geschrieben.</translation>
    </message>
    <message>
        <source>Analyze a &amp;log</source>
        <translation>Protoko&amp;ll analysieren</translation>
    </message>
    <message>
        <source>Container &amp;probe</source>
        <translation>Container-Pro&amp;be</translation>
    </message>
    <message>
        <source>HTML report (*.html);;Markdown (*.md);;JSON (*.json);;Text (*.txt);;JUnit XML (*.xml)</source>
        <translation>HTML-Bericht (*.html);;Markdown (*.md);;JSON (*.json);;Text (*.txt);;JUnit-XML (*.xml)</translation>
    </message>
    <message>
        <source>Judging the pasted output…</source>
        <translation>Die eingefügte Ausgabe wird ausgewertet …</translation>
    </message>
    <message>
        <source>&amp;Report a problem…</source>
        <translation>&amp;Problem melden…</translation>
    </message>
    <message>
        <source>Chec&amp;ks</source>
        <translation>Prü&amp;fungen</translation>
    </message>
    <message>
        <source>Most likely cause</source>
        <translation>Wahrscheinlichste Ursache</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Most likely cause: %1</source>
        <translation>Wahrscheinlichste Ursache: %1</translation>
    </message>
</context>
<context>
    <name>duo::ui::DoctorWizard</name>
    <message>
        <source>Duo Doctor</source>
        <translation>Duo Doctor</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Schließen</translation>
    </message>
    <message>
        <source>Reading the secrets of “%1” from the keychain…</source>
        <translation>Die Geheimnisse von „%1“ werden aus dem Schlüsselbund gelesen…</translation>
    </message>
    <message>
        <source>%1 Type the token and the key here; they will be used for this session only.</source>
        <translation>%1 Geben Sie Token und Schlüssel hier ein; sie gelten nur für diese Sitzung.</translation>
    </message>
    <message>
        <source>Troubleshooting page (online)</source>
        <translation>Fehlersuchseite (online)</translation>
    </message>
    <message>
        <source>Open log folder</source>
        <translation>Protokollordner öffnen</translation>
    </message>
    <message>
        <source>About Duo Doctor</source>
        <translation>Über Duo Doctor</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Duo Doctor %1&lt;/h3&gt;&lt;p&gt;Troubleshooting for GitLab Duo with self-hosted models: GitLab, the AI gateway and the model server, checked the way the troubleshooting page does, with the root cause and its fix.&lt;/p&gt;&lt;p&gt;Qt %2 (built with %3) · QtKeychain %4 · built %5 with %6&lt;/p&gt;&lt;p&gt;Log: %7&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Duo Doctor %1&lt;/h3&gt;&lt;p&gt;Fehlersuche für GitLab Duo mit selbst gehosteten Modellen: GitLab, das AI Gateway und der Modellserver, geprüft wie auf der Fehlersuchseite, mit der Ursache und ihrer Behebung.&lt;/p&gt;&lt;p&gt;Qt %2 (gebaut mit %3) · QtKeychain %4 · gebaut %5 mit %6&lt;/p&gt;&lt;p&gt;Protokoll: %7&lt;/p&gt;</translation>
    </message>
    <message>
        <source>%1 — Duo Doctor</source>
        <translation>%1 — Duo Doctor</translation>
    </message>
</context>
<context>
    <name>duo::ui::GatewayPage</name>
    <message>
        <source>AI Gateway</source>
        <translation>AI Gateway</translation>
    </message>
    <message>
        <source>Where the AI gateway listens, as this computer reaches it (the self-hosted image uses port 5052).</source>
        <translation>Wo das AI Gateway lauscht, wie dieser Rechner es erreicht (das selbst gehostete Image nutzt Port 5052).</translation>
    </message>
    <message>
        <source>Extra trusted CA certificates (PEM file)</source>
        <translation>Zusätzlich vertraute CA-Zertifikate (PEM-Datei)</translation>
    </message>
    <message>
        <source>optional: a PEM file with your private CA</source>
        <translation>optional: eine PEM-Datei mit Ihrer privaten CA</translation>
    </message>
    <message>
        <source>Choose the CA file</source>
        <translation>Die CA-Datei wählen</translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation>Proxy</translation>
    </message>
    <message>
        <source>From the environment (http_proxy, https_proxy, no_proxy)</source>
        <translation>Aus der Umgebung (http_proxy, https_proxy, no_proxy)</translation>
    </message>
    <message>
        <source>No proxy</source>
        <translation>Kein Proxy</translation>
    </message>
    <message>
        <source>This proxy:</source>
        <translation>Dieser Proxy:</translation>
    </message>
    <message>
        <source>Proxy URL</source>
        <translation>Proxy-URL</translation>
    </message>
    <message>
        <source>AI gateway &amp;URL:</source>
        <translation>AI-Gateway-&amp;URL:</translation>
    </message>
    <message>
        <source>Trusted &amp;CA file:</source>
        <translation>Vertraute &amp;CA-Datei:</translation>
    </message>
    <message>
        <source>&amp;Proxy:</source>
        <translation>&amp;Proxy:</translation>
    </message>
    <message>
        <source>TLS is always verified. A certificate this desktop does not trust is reported with its chain; you can then trust it for its host only, by fingerprint.</source>
        <translation>TLS wird immer geprüft. Ein Zertifikat, dem dieser Rechner nicht vertraut, wird mit seiner Kette gemeldet; Sie können ihm dann nur für seinen Host vertrauen, anhand des Fingerabdrucks.</translation>
    </message>
    <message>
        <source>Trusted CA certificates</source>
        <translation>Vertraute CA-Zertifikate</translation>
    </message>
    <message>
        <source>PEM certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>PEM-Zertifikate (*.pem *.crt *.cer);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>The CA file cannot be used: %1.</source>
        <translation>Die CA-Datei ist nicht nutzbar: %1.</translation>
    </message>
    <message>
        <source>Enter the proxy as a URL, e.g. http://proxy.example.com:3128.</source>
        <translation>Geben Sie den Proxy als URL ein, z. B. http://proxy.example.com:3128.</translation>
    </message>
    <message>
        <source>Agent Platform service address</source>
        <translation>Adresse des Agent-Platform-Dienstes</translation>
    </message>
    <message>
        <source>optional: learned from GitLab; or HOST:PORT, e.g. aigw.example.com:50052</source>
        <translation>optional: von GitLab übernommen; oder HOST:PORT, z. B. aigw.example.com:50052</translation>
    </message>
    <message>
        <source>A&amp;gent Platform service:</source>
        <translation>A&amp;gent-Platform-Dienst:</translation>
    </message>
    <message>
        <source>Agent Platform service: %1</source>
        <translation>Agent-Platform-Dienst: %1</translation>
    </message>
    <message>
        <source>B&amp;rowse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <source>Ad&amp;vanced</source>
        <translation>&amp;Erweitert</translation>
    </message>
    <message>
        <source>Shows how this desktop reaches names only the gateway&apos;s network knows</source>
        <translation>Zeigt, wie dieser Rechner Namen erreicht, die nur das Netz des Gateways kennt</translation>
    </message>
    <message>
        <source>Names only the gateway&apos;s network knows</source>
        <translation>Namen, die nur das Netz des Gateways kennt</translation>
    </message>
    <message>
        <source>HOST:PORT:ADDRESS entries, separated by spaces, like curl&apos;s --resolve</source>
        <translation>Einträge HOST:PORT:ADRESSE, durch Leerzeichen getrennt, wie curls --resolve</translation>
    </message>
    <message>
        <source>Na&amp;mes only the gateway&apos;s network knows:</source>
        <translation>&amp;Namen, die nur das Netz des Gateways kennt:</translation>
    </message>
    <message>
        <source>How this desktop reaches a name only the gateway&apos;s network knows, as &lt;code&gt;HOST:PORT:ADDRESS&lt;/code&gt; (curl&apos;s &lt;code&gt;--resolve&lt;/code&gt;); several separated by spaces. GitLab and the gateway are not affected.</source>
        <translation>Wie dieser Rechner einen Namen erreicht, den nur das Netz des Gateways kennt, als &lt;code&gt;HOST:PORT:ADRESSE&lt;/code&gt; (curls &lt;code&gt;--resolve&lt;/code&gt;); mehrere durch Leerzeichen getrennt. GitLab und das Gateway betrifft das nicht.</translation>
    </message>
    <message>
        <source>“%1” is not HOST:PORT:ADDRESS, e.g. model.internal:8000:10.0.0.5 (an IP address, not a name).</source>
        <translation>„%1“ ist nicht HOST:PORT:ADRESSE, z. B. model.internal:8000:10.0.0.5 (eine IP-Adresse, kein Name).</translation>
    </message>
    <message>
        <source>learned from GitLab: %1 (type HOST:PORT to check another address)</source>
        <translation>von GitLab übernommen: %1 (HOST:PORT eingeben, um eine andere Adresse zu prüfen)</translation>
    </message>
</context>
<context>
    <name>duo::ui::GitLabPage</name>
    <message>
        <source>GitLab</source>
        <translation>GitLab</translation>
    </message>
    <message>
        <source>The instance whose GitLab Duo uses your self-hosted model. Leave it empty to check only the gateway and the model.</source>
        <translation>Die Instanz, deren GitLab Duo Ihr selbst gehostetes Modell verwendet. Leer lassen, um nur Gateway und Modell zu prüfen.</translation>
    </message>
    <message>
        <source>Personal access token</source>
        <translation>Persönliches Zugriffstoken</translation>
    </message>
    <message>
        <source>optional: glpat-…</source>
        <translation>optional: glpat-…</translation>
    </message>
    <message>
        <source>GitLab &amp;URL:</source>
        <translation>GitLab-&amp;URL:</translation>
    </message>
    <message>
        <source>Personal access &amp;token:</source>
        <translation>Persönliches Zugriffs&amp;token:</translation>
    </message>
    <message>
        <source>A token with &lt;b&gt;read_api&lt;/b&gt; lets Duo Doctor ask GitLab; &lt;b&gt;api&lt;/b&gt; also runs GitLab's own connection check. An &lt;b&gt;administrator's&lt;/b&gt; token adds the license, feature settings and AI gateway URL checks. The token goes to GitLab only and is never saved.</source>
        <translation>Ein Token mit &lt;b&gt;read_api&lt;/b&gt; lässt Duo Doctor GitLab fragen; &lt;b&gt;api&lt;/b&gt; führt auch GitLabs eigene Verbindungsprüfung aus. Das Token eines &lt;b&gt;Administrators&lt;/b&gt; ergänzt die Prüfungen von Lizenz, Funktionseinstellungen und AI-Gateway-URL. Das Token geht nur an GitLab und wird nie gespeichert.</translation>
    </message>
</context>
<context>
    <name>duo::ui::LogAnalyzerPanel</name>
    <message>
        <source>Log or tool output to analyze</source>
        <translation>Zu analysierendes Protokoll oder Werkzeugausgabe</translation>
    </message>
    <message>
        <source>Paste GitLab's llm.log lines, the AI gateway's log, docker output, a Duo Chat error (A1001…) or the output of gitlab-rake gitlab:duo:verify_self_hosted_setup or of the gateway's troubleshooting script. Secrets are redacted before anything is shown again.</source>
        <translation>Fügen Sie Zeilen aus GitLabs llm.log, das Protokoll des AI Gateways, Docker-Ausgabe, einen Duo-Chat-Fehler (A1001…) oder die Ausgabe von gitlab-rake gitlab:duo:verify_self_hosted_setup oder des Fehlersuchskripts des Gateways ein. Geheimnisse werden geschwärzt, bevor etwas wieder angezeigt wird.</translation>
    </message>
    <message>
        <source>Known failures found</source>
        <translation>Gefundene bekannte Fehler</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>Befund</translation>
    </message>
    <message>
        <source>Explanation and fix of the selected finding</source>
        <translation>Erklärung und Behebung des ausgewählten Befunds</translation>
    </message>
    <message>
        <source>Load a log file to analyze</source>
        <translation>Eine Protokolldatei zum Analysieren laden</translation>
    </message>
    <message>
        <source>A&amp;nalyze</source>
        <translation>A&amp;nalysieren</translation>
    </message>
    <message>
        <source>Analyze the text</source>
        <translation>Den Text analysieren</translation>
    </message>
    <message>
        <source>Load a log</source>
        <translation>Protokoll laden</translation>
    </message>
    <message>
        <source>Logs and text (*.log *.txt *.json);;All files (*)</source>
        <translation>Protokolle und Text (*.log *.txt *.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Analyzing…</source>
        <translation>Wird analysiert…</translation>
    </message>
    <message>
        <source>No known failure found (%1 lines read).</source>
        <translation>Kein bekannter Fehler gefunden (%1 Zeilen gelesen).</translation>
    </message>
    <message>
        <source> Only the beginning was read.</source>
        <translation> Nur der Anfang wurde gelesen.</translation>
    </message>
    <message>
        <source>Line %1 (%2)</source>
        <translation>Zeile %1 (%2)</translation>
    </message>
    <message>
        <source>Fix:</source>
        <translation>Behebung:</translation>
    </message>
    <message>
        <source>Known failures found: %1 (%2 lines read).</source>
        <translation>Bekannte Fehler gefunden: %1 (%2 Zeilen gelesen).</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Abbrechen</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>Befunde</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Anfragen</translation>
    </message>
    <message>
        <source>Requests with a failure, and their lines in time order</source>
        <translation>Anfragen mit einem Fehler und ihre Zeilen in zeitlicher Reihenfolge</translation>
    </message>
    <message>
        <source>Request / time</source>
        <translation>Anfrage / Zeit</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Wo</translation>
    </message>
    <message>
        <source>&amp;Open files…</source>
        <translation>&amp;Dateien öffnen…</translation>
    </message>
    <message>
        <source>Open log files to analyze (or drop them here)</source>
        <translation>Zu analysierende Protokolldateien öffnen (oder hier ablegen)</translation>
    </message>
    <message>
        <source>Open logs</source>
        <translation>Protokolle öffnen</translation>
    </message>
    <message>
        <source>Logs and text (*.log *.txt *.json *.gz *.1 *.2);;All files (*)</source>
        <translation>Protokolle und Text (*.log *.txt *.json *.gz *.1 *.2);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source> The newest %1 are listed.</source>
        <translation> Die neuesten %1 sind aufgeführt.</translation>
    </message>
    <message>
        <source> Cancelled: only part of the input was read.</source>
        <translation> Abgebrochen: Nur ein Teil der Eingabe wurde gelesen.</translation>
    </message>
    <message>
        <source>findings: %1</source>
        <translation>Befunde: %1</translation>
    </message>
    <message>
        <source>Requests (%1)</source>
        <translation>Anfragen (%1)</translation>
    </message>
    <message>
        <source>Load &amp;file…</source>
        <translation>Datei la&amp;den…</translation>
    </message>
</context>
<context>
    <name>duo::ui::ModelPage</name>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>The model as GitLab knows it and as your model server serves it.</source>
        <translation>Das Modell, wie GitLab es kennt und wie Ihr Modellserver es bereitstellt.</translation>
    </message>
    <message>
        <source>Model name (family)</source>
        <translation>Modellname (Familie)</translation>
    </message>
    <message>
        <source>%1 (beta)</source>
        <translation>%1 (Beta)</translation>
    </message>
    <message>
        <source>%1 (generally available)</source>
        <translation>%1 (allgemein verfügbar)</translation>
    </message>
    <message>
        <source>Model identifier</source>
        <translation>Modellbezeichner</translation>
    </message>
    <message>
        <source>GitLab's name for the model</source>
        <translation>GitLabs Name für das Modell</translation>
    </message>
    <message>
        <source>optional: the name in Admin &gt; GitLab Duo &gt; Self-hosted models</source>
        <translation>optional: der Name unter Admin &gt; GitLab Duo &gt; Self-hosted models</translation>
    </message>
    <message>
        <source>Model API key</source>
        <translation>API-Schlüssel des Modells</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>optional</translation>
    </message>
    <message>
        <source>Choose one of the self-hosted models GitLab has</source>
        <translation>Eines der selbst gehosteten Modelle wählen, die GitLab hat</translation>
    </message>
    <message>
        <source>Needs a GitLab administrator's token on the GitLab page.</source>
        <translation>Braucht das Token eines GitLab-Administrators auf der GitLab-Seite.</translation>
    </message>
    <message>
        <source>&amp;Endpoint:</source>
        <translation>&amp;Endpunkt:</translation>
    </message>
    <message>
        <source>&amp;Identifier:</source>
        <translation>&amp;Bezeichner:</translation>
    </message>
    <message>
        <source>For an OpenAI-compatible server (vLLM, Ollama, LiteLLM…): &lt;code&gt;custom_openai/&lt;/code&gt; followed by the id the server lists at &lt;code&gt;/v1/models&lt;/code&gt;.</source>
        <translation>Für einen OpenAI-kompatiblen Server (vLLM, Ollama, LiteLLM…): &lt;code&gt;custom_openai/&lt;/code&gt; gefolgt von der id, die der Server unter &lt;code&gt;/v1/models&lt;/code&gt; auflistet.</translation>
    </message>
    <message>
        <source>Name in &amp;GitLab:</source>
        <translation>Name in &amp;GitLab:</translation>
    </message>
    <message>
        <source>API &amp;key:</source>
        <translation>API-&amp;Schlüssel:</translation>
    </message>
    <message>
        <source>The key goes to the model server and, inside the test request's body as the troubleshooting guide does, to the AI gateway. It is never saved.</source>
        <translation>Der Schlüssel geht an den Modellserver und, im Rumpf der Testanfrage wie in der Fehlersuchanleitung, an das AI Gateway. Er wird nie gespeichert.</translation>
    </message>
    <message>
        <source>GitLab listed no self-hosted models.</source>
        <translation>GitLab hat keine selbst gehosteten Modelle aufgelistet.</translation>
    </message>
    <message>
        <source>used by %1</source>
        <translation>verwendet von %1</translation>
    </message>
    <message>
        <source>Use a model GitLab &amp;already has…</source>
        <translation>Ein &amp;Modell verwenden, das GitLab schon hat…</translation>
    </message>
    <message>
        <source>&amp;Model name:</source>
        <translation>Modell&amp;name:</translation>
    </message>
    <message>
        <source>Azure OpenAI api-version</source>
        <translation>api-version von Azure OpenAI</translation>
    </message>
    <message>
        <source>Bedrock: &lt;code&gt;bedrock/&lt;/code&gt; and the model or inference-profile id, no endpoint. Azure OpenAI: &lt;code&gt;azure/&lt;/code&gt; and the deployment&apos;s name, the resource URL as the endpoint.</source>
        <translation>Bedrock: &lt;code&gt;bedrock/&lt;/code&gt; und die ID des Modells oder Inference Profile, kein Endpunkt. Azure OpenAI: &lt;code&gt;azure/&lt;/code&gt; und der Name des Deployments, die Ressourcen-URL als Endpunkt.</translation>
    </message>
    <message>
        <source>Azure api-&amp;version:</source>
        <translation>Azure-api-&amp;Version:</translation>
    </message>
</context>
<context>
    <name>duo::ui::ProfilesPanel</name>
    <message>
        <source>never run</source>
        <translation>nie ausgeführt</translation>
    </message>
    <message>
        <source>%1 · no failure</source>
        <translation>%1 · kein Fehler</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n failed</source>
        <translation>
            <numerusform>%1 · %n fehlgeschlagen</numerusform>
            <numerusform>%1 · %n fehlgeschlagen</numerusform>
        </translation>
    </message>
    <message>
        <source>Saved profiles</source>
        <translation>Gespeicherte Profile</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>GitLab</source>
        <translation>GitLab</translation>
    </message>
    <message>
        <source>AI gateway</source>
        <translation>AI Gateway</translation>
    </message>
    <message>
        <source>Last run</source>
        <translation>Letzter Lauf</translation>
    </message>
    <message>
        <source>&amp;Rename…</source>
        <translation>&amp;Umbenennen…</translation>
    </message>
    <message>
        <source>D&amp;uplicate…</source>
        <translation>&amp;Duplizieren…</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen…</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importieren…</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>E&amp;xportieren…</translation>
    </message>
    <message>
        <source>Could not read %1: %2. The file is left as it is.</source>
        <translation>%1 konnte nicht gelesen werden: %2. Die Datei bleibt, wie sie ist.</translation>
    </message>
    <message>
        <source>No saved profiles yet: after a run, “Save profile…” on the Diagnosis page keeps the setup (secrets go to the keychain).</source>
        <translation>Noch keine gespeicherten Profile: nach einem Lauf behält „Profil speichern…“ auf der Diagnoseseite die Einrichtung (Geheimnisse kommen in den Schlüsselbund).</translation>
    </message>
    <message>
        <source>Renamed to “%1”; its secrets stay with it.</source>
        <translation>In „%1“ umbenannt; seine Geheimnisse bleiben bei ihm.</translation>
    </message>
    <message>
        <source>Could not rename: %1</source>
        <translation>Umbenennen nicht möglich: %1</translation>
    </message>
    <message>
        <source>Could not duplicate: %1</source>
        <translation>Duplizieren nicht möglich: %1</translation>
    </message>
    <message>
        <source>Duplicated as “%1” without secrets.</source>
        <translation>Als „%1“ ohne Geheimnisse dupliziert.</translation>
    </message>
    <message>
        <source>Duplicated as “%1”, but its secrets could not be read: %2</source>
        <translation>Als „%1“ dupliziert, aber seine Geheimnisse konnten nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Duplicated as “%1” with its secrets.</source>
        <translation>Als „%1“ mit seinen Geheimnissen dupliziert.</translation>
    </message>
    <message>
        <source>Duplicated as “%1” without secrets: %2</source>
        <translation>Als „%1“ ohne Geheimnisse dupliziert: %2</translation>
    </message>
    <message>
        <source>Could not delete: %1</source>
        <translation>Löschen nicht möglich: %1</translation>
    </message>
    <message>
        <source>Deleted “%1” and its secrets.</source>
        <translation>„%1“ und seine Geheimnisse gelöscht.</translation>
    </message>
    <message>
        <source>Deleted “%1”; its keychain entries could not be removed: %2</source>
        <translation>„%1“ gelöscht; seine Schlüsselbund-Einträge konnten nicht entfernt werden: %2</translation>
    </message>
    <message>
        <source>Could not import %1: %2</source>
        <translation>%1 konnte nicht importiert werden: %2</translation>
    </message>
    <message>
        <source>Imported “%1”. Profiles travel without secrets: enter the token and the key on the next pages.</source>
        <translation>„%1“ importiert. Profile reisen ohne Geheimnisse: geben Sie Token und Schlüssel auf den nächsten Seiten ein.</translation>
    </message>
    <message>
        <source>Could not export: %1</source>
        <translation>Exportieren nicht möglich: %1</translation>
    </message>
    <message>
        <source>Exported “%1” to %2 — without its secrets.</source>
        <translation>„%1“ nach %2 exportiert — ohne seine Geheimnisse.</translation>
    </message>
    <message>
        <source>Rename profile</source>
        <translation>Profil umbenennen</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>Neuer Name:</translation>
    </message>
    <message>
        <source>Duplicate profile</source>
        <translation>Profil duplizieren</translation>
    </message>
    <message>
        <source>Name of the copy:</source>
        <translation>Name der Kopie:</translation>
    </message>
    <message>
        <source>%1 (copy)</source>
        <translation>%1 (Kopie)</translation>
    </message>
    <message>
        <source>Copy the GitLab token and the model API key to the new profile too?</source>
        <translation>Das GitLab-Token und den API-Schlüssel des Modells ebenfalls in das neue Profil kopieren?</translation>
    </message>
    <message>
        <source>Delete profile</source>
        <translation>Profil löschen</translation>
    </message>
    <message>
        <source>Delete “%1” and its secrets in the keychain?</source>
        <translation>„%1“ und seine Geheimnisse im Schlüsselbund löschen?</translation>
    </message>
    <message>
        <source>Import profile</source>
        <translation>Profil importieren</translation>
    </message>
    <message>
        <source>Duo Doctor profile (*.json)</source>
        <translation>Duo-Doctor-Profil (*.json)</translation>
    </message>
    <message>
        <source>Export profile (without secrets)</source>
        <translation>Profil exportieren (ohne Geheimnisse)</translation>
    </message>
</context>
<context>
    <name>duo::ui::QuickTest</name>
    <message>
        <source>Test the connection</source>
        <translation>Die Verbindung testen</translation>
    </message>
    <message>
        <source>Test result</source>
        <translation>Testergebnis</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Wird getestet…</translation>
    </message>
    <message>
        <source>Te&amp;st</source>
        <translation>Te&amp;sten</translation>
    </message>
    <message>
        <source>Cancel te&amp;st</source>
        <translation>Te&amp;sten abbrechen</translation>
    </message>
    <message>
        <source>Test cancelled.</source>
        <translation>Test abgebrochen.</translation>
    </message>
    <message>
        <source>Test status</source>
        <translation>Teststatus</translation>
    </message>
</context>
<context>
    <name>duo::ui::RunPage</name>
    <message>
        <source>&amp;Cancel run</source>
        <translation>Lauf &amp;abbrechen</translation>
    </message>
    <message>
        <source>Running the checks</source>
        <translation>Die Prüfungen laufen</translation>
    </message>
    <message>
        <source>Checks that do not depend on each other run at the same time. You can cancel at any moment.</source>
        <translation>Prüfungen, die nicht voneinander abhängen, laufen gleichzeitig. Sie können jederzeit abbrechen.</translation>
    </message>
    <message>
        <source>Checks and their state</source>
        <translation>Prüfungen und ihr Zustand</translation>
    </message>
    <message>
        <source>Overall progress</source>
        <translation>Gesamtfortschritt</translation>
    </message>
    <message>
        <source>Cancel the run</source>
        <translation>Den Lauf abbrechen</translation>
    </message>
    <message>
        <source>%1 of %2 checks</source>
        <translation>%1 von %2 Prüfungen</translation>
    </message>
    <message>
        <source>Cancelled. Finished checks keep their results; the others are marked skipped.</source>
        <translation>Abgebrochen. Fertige Prüfungen behalten ihre Ergebnisse; die anderen sind als übersprungen markiert.</translation>
    </message>
    <message>
        <source>Done: %1 passed, %2 failed, %3 warnings, %4 skipped, %5 need you. Next shows the diagnosis.</source>
        <translation>Fertig: %1 bestanden, %2 fehlgeschlagen, %3 Warnungen, %4 übersprungen, %5 brauchen Sie. Weiter zeigt die Diagnose.</translation>
    </message>
    <message>
        <source>The model API key goes to the model server (%1) and, inside the test request's body, to the AI gateway (%2).</source>
        <translation>Der API-Schlüssel des Modells geht an den Modellserver (%1) und, im Rumpf der Testanfrage, an das AI Gateway (%2).</translation>
    </message>
    <message>
        <source>The GitLab token goes to GitLab (%1) only.</source>
        <translation>Das GitLab-Token geht nur an GitLab (%1).</translation>
    </message>
    <message>
        <source>No secret was given: no key or token is sent anywhere.</source>
        <translation>Kein Geheimnis angegeben: weder Schlüssel noch Token wird irgendwohin gesendet.</translation>
    </message>
    <message>
        <source>Simulated stack “%1” on this computer (127.0.0.1).</source>
        <translation>Simulierter Stack „%1“ auf diesem Rechner (127.0.0.1).</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>Läuft…</translation>
    </message>
    <message numerus="yes">
        <source>%n passed</source>
        <translation>
            <numerusform>%n bestanden</numerusform>
            <numerusform>%n bestanden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n fehlgeschlagen</numerusform>
            <numerusform>%n fehlgeschlagen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n Warnung</numerusform>
            <numerusform>%n Warnungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n skipped</source>
        <translation>
            <numerusform>%n übersprungen</numerusform>
            <numerusform>%n übersprungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n need(s) you</source>
        <translation>
            <numerusform>%n braucht Sie</numerusform>
            <numerusform>%n brauchen Sie</numerusform>
        </translation>
    </message>
    <message>
        <source>Done: %1. Next shows the diagnosis.</source>
        <translation>Fertig: %1. „Weiter“ zeigt die Diagnose.</translation>
    </message>
    <message>
        <source>Most likely cause</source>
        <translation>Wahrscheinlichste Ursache</translation>
    </message>
    <message>
        <source>Most likely cause (no check still running can change it): %1 — %2</source>
        <translation>Wahrscheinlichste Ursache (keine noch laufende Prüfung kann das ändern): %1 — %2</translation>
    </message>
</context>
<context>
    <name>duo::ui::SecretField</name>
    <message>
        <source>Show</source>
        <translation>Zeigen</translation>
    </message>
    <message>
        <source>Show or hide the secret</source>
        <translation>Das Geheimnis zeigen oder verbergen</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>Verbergen</translation>
    </message>
</context>
<context>
    <name>duo::ui::Session</name>
    <message>
        <source>The profile was not saved: %1</source>
        <translation>Das Profil wurde nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>Saved the profile “%1”; its secrets are in the keychain.</source>
        <translation>Profil „%1“ gespeichert; seine Geheimnisse liegen im Schlüsselbund.</translation>
    </message>
    <message>
        <source>Saved the profile “%1” without its secrets: %2 They are used for this session only.</source>
        <translation>Profil „%1“ ohne seine Geheimnisse gespeichert: %2 Sie gelten nur für diese Sitzung.</translation>
    </message>
    <message numerus="yes">
        <source>This setup is no longer the profile “%1”. Its %n pasted output(s) were for its stack and will be cleared. Continue?</source>
        <translation>
            <numerusform>Diese Einrichtung ist nicht mehr das Profil „%1“. Seine eingefügte Ausgabe galt seinem Stack und wird gelöscht. Fortfahren?</numerusform>
            <numerusform>Diese Einrichtung ist nicht mehr das Profil „%1“. Seine %n eingefügten Ausgaben galten seinem Stack und werden gelöscht. Fortfahren?</numerusform>
        </translation>
    </message>
    <message>
        <source>Duo Doctor</source>
        <translation>Duo Doctor</translation>
    </message>
</context>
<context>
    <name>duo::ui::StartPage</name>
    <message>
        <source>Diagnose GitLab Duo with self-hosted models</source>
        <translation>GitLab Duo mit selbst gehosteten Modellen untersuchen</translation>
    </message>
    <message>
        <source>Duo Doctor checks GitLab, the AI gateway and your model server the way the troubleshooting guide does, and tells you what to fix. It only reads; it changes nothing.</source>
        <translation>Duo Doctor prüft GitLab, das AI Gateway und Ihren Modellserver wie die Fehlersuchanleitung und sagt Ihnen, was zu beheben ist. Es liest nur; es ändert nichts.</translation>
    </message>
    <message>
        <source>&amp;Check my setup</source>
        <translation>Meine Einrichtung &amp;prüfen</translation>
    </message>
    <message>
        <source>Open a saved &amp;profile:</source>
        <translation>Ein gespeichertes P&amp;rofil öffnen:</translation>
    </message>
    <message>
        <source>&amp;Try it without a GitLab: a simulated stack on this computer</source>
        <translation>Ohne GitLab &amp;ausprobieren: ein simulierter Stack auf diesem Rechner</translation>
    </message>
    <message>
        <source>Simulated problem</source>
        <translation>Simuliertes Problem</translation>
    </message>
    <message>
        <source>Before you begin</source>
        <translation>Bevor Sie beginnen</translation>
    </message>
    <message>
        <source>&lt;ul&gt;&lt;li&gt;Access to the GitLab Rails console (&lt;code&gt;sudo gitlab-rails console&lt;/code&gt;) for the manual steps.&lt;/li&gt;&lt;li&gt;A shell in the AI gateway container (&lt;code&gt;docker exec&lt;/code&gt; or &lt;code&gt;kubectl exec&lt;/code&gt;).&lt;/li&gt;&lt;li&gt;The URLs of GitLab, the AI gateway and the model server, the model's name and identifier.&lt;/li&gt;&lt;li&gt;Optionally a personal access token (an administrator's checks the most) and the model's API key.&lt;/li&gt;&lt;li&gt;To see GitLab's requests to the gateway in &lt;code&gt;llm.log&lt;/code&gt;: &lt;code&gt;Feature.enable(:expanded_ai_logging)&lt;/code&gt; — and disable it when you are done.&lt;/li&gt;&lt;/ul&gt;</source>
        <translation>&lt;ul&gt;&lt;li&gt;Zugang zur GitLab-Rails-Konsole (&lt;code&gt;sudo gitlab-rails console&lt;/code&gt;) für die manuellen Schritte.&lt;/li&gt;&lt;li&gt;Eine Shell im AI-Gateway-Container (&lt;code&gt;docker exec&lt;/code&gt; oder &lt;code&gt;kubectl exec&lt;/code&gt;).&lt;/li&gt;&lt;li&gt;Die URLs von GitLab, AI Gateway und Modellserver, Name und Bezeichner des Modells.&lt;/li&gt;&lt;li&gt;Optional ein persönliches Zugriffstoken (das eines Administrators prüft am meisten) und den API-Schlüssel des Modells.&lt;/li&gt;&lt;li&gt;Um GitLabs Anfragen an das Gateway in &lt;code&gt;llm.log&lt;/code&gt; zu sehen: &lt;code&gt;Feature.enable(:expanded_ai_logging)&lt;/code&gt; — und danach wieder ausschalten.&lt;/li&gt;&lt;/ul&gt;</translation>
    </message>
    <message>
        <source>Simulated stack</source>
        <translation>Simulierter Stack</translation>
    </message>
    <message>
        <source>The simulated stack could not start: %1</source>
        <translation>Der simulierte Stack konnte nicht starten: %1</translation>
    </message>
</context>
<context>
    <name>duo::ui::Status</name>
    <message>
        <source>Passed</source>
        <translation>Bestanden</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Übersprungen</translation>
    </message>
    <message>
        <source>Needs you</source>
        <translation>Braucht Sie</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>Wartend</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>Läuft…</translation>
    </message>
    <message>
        <source>from this desktop</source>
        <translation>von diesem Rechner</translation>
    </message>
    <message>
        <source>through GitLab (GitLab made the request)</source>
        <translation>über GitLab (GitLab hat die Anfrage gestellt)</translation>
    </message>
    <message>
        <source>through the AI gateway</source>
        <translation>über das AI Gateway</translation>
    </message>
    <message>
        <source>by you (a manual step)</source>
        <translation>von Ihnen (ein manueller Schritt)</translation>
    </message>
</context>
<context>
    <name>duo::LogInput</name>
    <message>
        <source>analyze: %1 does not exist.</source>
        <translation>analyze: %1 existiert nicht.</translation>
    </message>
    <message>
        <source>analyze: %1 holds no file to read.</source>
        <translation>analyze: %1 enthält keine lesbare Datei.</translation>
    </message>
    <message>
        <source>analyze: cannot read %1: %2</source>
        <translation>analyze: %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>not valid gzip data (%1)</source>
        <translation>keine gültigen gzip-Daten (%1)</translation>
    </message>
</context>
<context>
    <name>duo::AgenticChecks</name>
    <message>
        <source>GitLab routes %1 to this model: they cannot work.</source>
        <translation>GitLab leitet %1 an dieses Modell: Diese Funktionen können nicht arbeiten.</translation>
    </message>
    <message>
        <source>No feature that needs tools uses this model in GitLab yet.</source>
        <translation>In GitLab nutzt noch keine Funktion, die Tools braucht, dieses Modell.</translation>
    </message>
    <message>
        <source>Whether Agentic Chat uses this model is unknown: only an administrator&apos;s token shows GitLab&apos;s feature routing.</source>
        <translation>Ob Agentic Chat dieses Modell nutzt, ist unbekannt: Nur das Token eines Administrators zeigt GitLabs Zuordnung der Funktionen.</translation>
    </message>
    <message>
        <source>Whether Agentic Chat uses this model is unknown: GitLab&apos;s feature routing could not be read.</source>
        <translation>Ob Agentic Chat dieses Modell nutzt, ist unbekannt: GitLabs Zuordnung der Funktionen ließ sich nicht lesen.</translation>
    </message>
    <message>
        <source>The model answered with a tool call in %1 ms.</source>
        <translation>Das Modell antwortete in %1 ms mit einem Tool-Aufruf.</translation>
    </message>
    <message>
        <source>The model wrote its tool call as text; the server did not turn it into tool_calls.</source>
        <translation>Das Modell schrieb seinen Tool-Aufruf als Text; der Server machte daraus keine tool_calls.</translation>
    </message>
    <message>
        <source>The model answered in prose and ignored the tool.</source>
        <translation>Das Modell antwortete in Prosa und ignorierte das Tool.</translation>
    </message>
    <message>
        <source>A request with a tool failed: %1</source>
        <translation>Eine Anfrage mit einem Tool scheiterte: %1</translation>
    </message>
    <message>
        <source>POST /chat/completions with one tool, tool_choice &quot;auto&quot; and max_tokens 64: %1</source>
        <translation>POST /chat/completions mit einem Tool, tool_choice &quot;auto&quot; und max_tokens 64: %1</translation>
    </message>
    <message>
        <source>The stream reached [DONE] without a finish_reason of stop or length.</source>
        <translation>Der Stream erreichte [DONE] ohne finish_reason stop oder length.</translation>
    </message>
    <message>
        <source>finish_reason &quot;%1&quot;</source>
        <translation>finish_reason &quot;%1&quot;</translation>
    </message>
    <message>
        <source>all %1 tokens arrived within %2 ms, after %3 ms without one (a stream counts as buffered when every token comes within %4 ms after at least %5 ms)</source>
        <translation>alle %1 Tokens kamen innerhalb von %2 ms, nach %3 ms ohne eines (ein Stream gilt als gepuffert, wenn jedes Token innerhalb von %4 ms nach mindestens %5 ms kommt)</translation>
    </message>
    <message>
        <source>The stream arrived in one burst: %1.</source>
        <translation>Der Stream kam auf einen Schlag: %1.</translation>
    </message>
    <message>
        <source>%1 events until [DONE] (finish_reason %2); first token after %3 ms.</source>
        <translation>%1 Events bis [DONE] (finish_reason %2); erstes Token nach %3 ms.</translation>
    </message>
    <message>
        <source>Asked to stream, the server sent one JSON answer.</source>
        <translation>Um einen Stream gebeten, schickte der Server eine einzige JSON-Antwort.</translation>
    </message>
    <message>
        <source>%1 events, then the connection ended (%2)</source>
        <translation>%1 Events, dann endete die Verbindung (%2)</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>geschlossen</translation>
    </message>
    <message>
        <source>The stream stopped before [DONE]: %1.</source>
        <translation>Der Stream brach vor [DONE] ab: %1.</translation>
    </message>
    <message>
        <source>POST /chat/completions with stream true and max_tokens 16: %1</source>
        <translation>POST /chat/completions mit stream true und max_tokens 16: %1</translation>
    </message>
    <message>
        <source>POST /chat/completions with max_tokens 8 and temperature 0: %1</source>
        <translation>POST /chat/completions mit max_tokens 8 und temperature 0: %1</translation>
    </message>
    <message>
        <source>The model accepts max_tokens and temperature as the gateway sends them.</source>
        <translation>Das Modell akzeptiert max_tokens und temperature, wie das Gateway sie sendet.</translation>
    </message>
    <message>
        <source>Whether Agentic Chat uses this model is unknown: GitLab was not asked (give its URL and an administrator&apos;s token).</source>
        <translation>Ob Agentic Chat dieses Modell nutzt, ist unbekannt: GitLab wurde nicht gefragt (geben Sie seine URL und das Token eines Administrators an).</translation>
    </message>
</context>
<context>
    <name>duo::AgentPlatformChecks</name>
    <message>
        <source>No Agent Platform service address: GitLab has none (or could not be asked) and none was given. Give it with --agent-platform HOST:PORT or in the Agent Platform field of the AI Gateway page.</source>
        <translation>Keine Adresse des Agent-Platform-Dienstes: GitLab hat keine (oder konnte nicht gefragt werden), und keine wurde angegeben. Geben Sie sie mit --agent-platform HOST:PORT oder im Feld „Agent Platform“ der Seite „AI Gateway“ an.</translation>
    </message>
    <message>
        <source>GitLab&apos;s Agent Platform service address &quot;%1&quot; is not HOST:PORT (see gitlab.agent_platform_url); give the right one with --agent-platform HOST:PORT to check the service anyway.</source>
        <translation>GitLabs Adresse des Agent-Platform-Dienstes „%1“ hat nicht die Form HOST:PORT (siehe gitlab.agent_platform_url); geben Sie die richtige mit --agent-platform HOST:PORT an, um den Dienst trotzdem zu prüfen.</translation>
    </message>
    <message>
        <source>A direct connection to %1 (%2), the HTTP/2 client preface sent: %3</source>
        <translation>Eine direkte Verbindung zu %1 (%2), die HTTP/2-Client-Präambel gesendet: %3</translation>
    </message>
    <message>
        <source>Nothing answers at %1: %2</source>
        <translation>Unter %1 antwortet nichts: %2</translation>
    </message>
    <message>
        <source>%1 speaks HTTP/2 in plain text (h2c), as the service does without TLS.</source>
        <translation>%1 spricht HTTP/2 im Klartext (h2c), wie der Dienst ohne TLS.</translation>
    </message>
    <message>
        <source>%1 speaks TLS (ALPN: %2), as the service does with DUO_WORKFLOW_TLS__ENABLED=true.</source>
        <translation>%1 spricht TLS (ALPN: %2), wie der Dienst mit DUO_WORKFLOW_TLS__ENABLED=true.</translation>
    </message>
    <message>
        <source>%1 answers in HTTP/1 (&quot;%2&quot;), not gRPC.</source>
        <translation>%1 antwortet mit HTTP/1 („%2“), nicht mit gRPC.</translation>
    </message>
    <message>
        <source>%1 accepts connections but speaks neither HTTP/2, TLS nor HTTP/1.</source>
        <translation>%1 nimmt Verbindungen an, spricht aber weder HTTP/2 noch TLS noch HTTP/1.</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>nichts</translation>
    </message>
    <message>
        <source>The Agent Platform service reports SERVING (%1 ms).</source>
        <translation>Der Agent-Platform-Dienst meldet SERVING (%1 ms).</translation>
    </message>
    <message>
        <source>The service answers gRPC but has no health service (UNIMPLEMENTED).</source>
        <translation>Der Dienst antwortet mit gRPC, hat aber keinen Health-Dienst (UNIMPLEMENTED).</translation>
    </message>
    <message>
        <source>The Agent Platform service reports %1.</source>
        <translation>Der Agent-Platform-Dienst meldet %1.</translation>
    </message>
    <message>
        <source>The health call failed with gRPC status %1: %2</source>
        <translation>Der Health-Aufruf schlug mit gRPC-Status %1 fehl: %2</translation>
    </message>
    <message>
        <source>HTTP/2 answered (HTTP %1), but not gRPC.</source>
        <translation>HTTP/2 hat geantwortet (HTTP %1), aber nicht gRPC.</translation>
    </message>
    <message>
        <source>POST %1 (gRPC, HTTP/2): %2</source>
        <translation>POST %1 (gRPC, HTTP/2): %2</translation>
    </message>
    <message>
        <source>The service speaks TLS, GitLab connects to it in plain text.</source>
        <translation>Der Dienst spricht TLS, GitLab verbindet sich im Klartext.</translation>
    </message>
    <message>
        <source>The service speaks plain text, GitLab connects to it with TLS.</source>
        <translation>Der Dienst spricht Klartext, GitLab verbindet sich mit TLS.</translation>
    </message>
    <message>
        <source>The health call got no answer: %1</source>
        <translation>Der Health-Aufruf bekam keine Antwort: %1</translation>
    </message>
    <message>
        <source>The health call came back over HTTP/1.1 (HTTP %1): HTTP/2 was downgraded on the way.</source>
        <translation>Der Health-Aufruf kam über HTTP/1.1 zurück (HTTP %1): HTTP/2 wurde unterwegs herabgestuft.</translation>
    </message>
    <message>
        <source>No Agent Platform service address.</source>
        <translation>Keine Adresse des Agent-Platform-Dienstes.</translation>
    </message>
</context>
<context>
    <name>duo::WebSocketChecks</name>
    <message>
        <source>GitLab answered 101, but not with this handshake&apos;s Sec-WebSocket-Accept.</source>
        <translation>GitLab antwortete 101, aber nicht mit dem Sec-WebSocket-Accept dieses Handshakes.</translation>
    </message>
    <message>
        <source>GitLab accepted the WebSocket (101), then closed it at once with code %1.</source>
        <translation>GitLab nahm den WebSocket an (101) und schloss ihn sofort mit Code %1.</translation>
    </message>
    <message>
        <source>GitLab accepted the WebSocket (101) and closed it cleanly (1000).</source>
        <translation>GitLab nahm den WebSocket an (101) und schloss ihn sauber (1000).</translation>
    </message>
    <message>
        <source>GitLab accepted the WebSocket (101).</source>
        <translation>GitLab nahm den WebSocket an (101).</translation>
    </message>
    <message>
        <source>WebSocket upgrade of GET %1 with the token: %2</source>
        <translation>WebSocket-Upgrade von GET %1 mit dem Token: %2</translation>
    </message>
    <message>
        <source>GitLab answered HTTP %1 instead of 101.</source>
        <translation>GitLab antwortete HTTP %1 statt 101.</translation>
    </message>
    <message>
        <source>No WebSocket: %1</source>
        <translation>Kein WebSocket: %1</translation>
    </message>
    <message>
        <source>GitLab has no Agent Platform WebSocket (HTTP 404).</source>
        <translation>GitLab hat keinen Agent-Platform-WebSocket (HTTP 404).</translation>
    </message>
    <message>
        <source>GitLab answered HTTP %1 instead of 101 Switching Protocols.</source>
        <translation>GitLab antwortete HTTP %1 statt 101 Switching Protocols.</translation>
    </message>
</context>
<context>
    <name>duo::WebSocketProbe</name>
    <message>
        <source>the server closed the connection before answering</source>
        <translation>der Server schloss die Verbindung, bevor er antwortete</translation>
    </message>
    <message>
        <source>the answer&apos;s head is larger than %1 bytes</source>
        <translation>der Kopf der Antwort ist größer als %1 Bytes</translation>
    </message>
    <message>
        <source>not an HTTP/1.1 answer</source>
        <translation>keine HTTP/1.1-Antwort</translation>
    </message>
</context>
<context>
    <name>duo::ui::SecretMessages</name>
    <message>
        <source>The GitLab token is in the keychain.</source>
        <translation>Das GitLab-Token liegt im Schlüsselbund.</translation>
    </message>
    <message>
        <source>The GitLab token was not stored (%1); it is used for this session only.</source>
        <translation>Das GitLab-Token wurde nicht gespeichert (%1); es gilt nur für diese Sitzung.</translation>
    </message>
    <message>
        <source>The GitLab token was restored from the keychain.</source>
        <translation>Das GitLab-Token wurde aus dem Schlüsselbund geladen.</translation>
    </message>
    <message>
        <source>The GitLab token could not be read (%1): type it here; it is used for this session only.</source>
        <translation>Das GitLab-Token konnte nicht gelesen werden (%1): Geben Sie es hier ein; es gilt nur für diese Sitzung.</translation>
    </message>
    <message>
        <source>The model API key is in the keychain.</source>
        <translation>Der API-Schlüssel des Modells liegt im Schlüsselbund.</translation>
    </message>
    <message>
        <source>The model API key was not stored (%1); it is used for this session only.</source>
        <translation>Der API-Schlüssel des Modells wurde nicht gespeichert (%1); er gilt nur für diese Sitzung.</translation>
    </message>
    <message>
        <source>The model API key was restored from the keychain.</source>
        <translation>Der API-Schlüssel des Modells wurde aus dem Schlüsselbund geladen.</translation>
    </message>
    <message>
        <source>The model API key could not be read (%1): type it on the Model page; it is used for this session only.</source>
        <translation>Der API-Schlüssel des Modells konnte nicht gelesen werden (%1): Geben Sie ihn auf der Seite „Modell“ ein; er gilt nur für diese Sitzung.</translation>
    </message>
    <message>
        <source>the keychain is locked or not available</source>
        <translation>der Schlüsselbund ist gesperrt oder nicht verfügbar</translation>
    </message>
    <message>
        <source>access to the keychain was refused</source>
        <translation>der Zugriff auf den Schlüsselbund wurde verweigert</translation>
    </message>
    <message>
        <source>the keychain reported an error</source>
        <translation>der Schlüsselbund meldete einen Fehler</translation>
    </message>
    <message>
        <source>Saved the profile “%1”; no secret was given, so none is kept.</source>
        <translation>Profil „%1“ gespeichert; es wurde kein Geheimnis angegeben, also wird keines aufbewahrt.</translation>
    </message>
    <message>
        <source>Saved the profile “%1”; its secrets are in the keychain: the GitLab token and the model API key.</source>
        <translation>Profil „%1“ gespeichert; seine Geheimnisse liegen im Schlüsselbund: das GitLab-Token und der API-Schlüssel des Modells.</translation>
    </message>
    <message>
        <source>Saved the profile “%1”.</source>
        <translation>Profil „%1“ gespeichert.</translation>
    </message>
    <message>
        <source>No secrets are stored for “%1”: type the token and the key if the checks need them.</source>
        <translation>Für „%1“ sind keine Geheimnisse gespeichert: Geben Sie Token und Schlüssel ein, wenn die Prüfungen sie brauchen.</translation>
    </message>
</context>
<context>
    <name>duo::Diagnosis</name>
    <message>
        <source>This desktop cannot reach the model server; GitLab and the gateway can.</source>
        <translation>Dieser Rechner erreicht den Modellserver nicht; GitLab und das Gateway erreichen ihn.</translation>
    </message>
    <message>
        <source>Nothing to fix for GitLab Duo here. For this desktop&apos;s own checks, give it the route the gateway&apos;s network has: a --resolve HOST:PORT:ADDRESS entry (in the wizard: Advanced, on the AI gateway page), or run Duo Doctor on a host of that network.</source>
        <translation>Für GitLab Duo ist hier nichts zu beheben. Für die Prüfungen dieses Rechners geben Sie ihm den Weg, den das Netz des Gateways hat: einen Eintrag --resolve HOST:PORT:ADRESSE (im Assistenten: „Erweitert“ auf der Seite „AI-Gateway“), oder führen Sie Duo Doctor auf einem Rechner dieses Netzes aus.</translation>
    </message>
</context>
<context>
    <name>duo::ui::UrlField</name>
    <message>
        <source>Required to continue.</source>
        <translation>Zum Fortfahren nötig.</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>Pflichtfeld</translation>
    </message>
    <message>
        <source>Not valid</source>
        <translation>Ungültig</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
</context>
<context>
    <name>duo::Platforms</name>
    <message>
        <source>OpenAI-compatible server</source>
        <translation>OpenAI-kompatibler Server</translation>
    </message>
    <message>
        <source>This desktop calls the model server&apos;s OpenAI API at the endpoint; the gateway and GitLab are checked calling it too.</source>
        <translation>Dieser Desktop ruft die OpenAI-API des Modellservers am Endpunkt auf; auch die Aufrufe durch das Gateway und GitLab werden geprüft.</translation>
    </message>
    <message>
        <source>Bedrock Mantle</source>
        <translation>Bedrock Mantle</translation>
    </message>
    <message>
        <source>Bedrock Mantle speaks the OpenAI API at https://bedrock-mantle.&lt;region&gt;.api.aws/v1: this desktop calls it when given that endpoint; the gateway and GitLab are checked calling it too.</source>
        <translation>Bedrock Mantle spricht die OpenAI-API unter https://bedrock-mantle.&lt;region&gt;.api.aws/v1: Dieser Desktop ruft sie auf, wenn dieser Endpunkt angegeben ist; auch die Aufrufe durch das Gateway und GitLab werden geprüft.</translation>
    </message>
    <message>
        <source>AWS Bedrock</source>
        <translation>AWS Bedrock</translation>
    </message>
    <message>
        <source>Bedrock: the gateway calls AWS with its own credentials and region; this desktop checks the identifier&apos;s form, then the gateway&apos;s and GitLab&apos;s requests and what AWS answered them.</source>
        <translation>Bedrock: Das Gateway ruft AWS mit eigenen Zugangsdaten und eigener Region auf; dieser Desktop prüft die Form des Bezeichners, dann die Anfragen des Gateways und von GitLab und was AWS darauf antwortete.</translation>
    </message>
    <message>
        <source>Azure OpenAI</source>
        <translation>Azure OpenAI</translation>
    </message>
    <message>
        <source>Azure OpenAI: this desktop calls the deployment at the resource URL (api-key header, api-version); the gateway and GitLab are checked calling it too.</source>
        <translation>Azure OpenAI: Dieser Desktop ruft das Deployment unter der Ressourcen-URL auf (Header api-key, api-version); auch die Aufrufe durch das Gateway und GitLab werden geprüft.</translation>
    </message>
    <message>
        <source>Google Vertex AI</source>
        <translation>Google Vertex AI</translation>
    </message>
    <message>
        <source>Vertex AI: the gateway calls Google&apos;s hosted API with its own credentials; only the gateway&apos;s and GitLab&apos;s requests are checked.</source>
        <translation>Vertex AI: Das Gateway ruft die gehostete API von Google mit eigenen Zugangsdaten auf; nur die Anfragen des Gateways und von GitLab werden geprüft.</translation>
    </message>
    <message>
        <source>Anthropic API</source>
        <translation>Anthropic-API</translation>
    </message>
    <message>
        <source>Anthropic: the gateway calls Anthropic&apos;s hosted API with its own key; only the gateway&apos;s and GitLab&apos;s requests are checked.</source>
        <translation>Anthropic: Das Gateway ruft die gehostete API von Anthropic mit eigenem Schlüssel auf; nur die Anfragen des Gateways und von GitLab werden geprüft.</translation>
    </message>
    <message>
        <source>OpenAI API</source>
        <translation>OpenAI-API</translation>
    </message>
    <message>
        <source>OpenAI: the gateway calls OpenAI&apos;s hosted API with its own key; only the gateway&apos;s and GitLab&apos;s requests are checked.</source>
        <translation>OpenAI: Das Gateway ruft die gehostete API von OpenAI mit eigenem Schlüssel auf; nur die Anfragen des Gateways und von GitLab werden geprüft.</translation>
    </message>
    <message>
        <source>Bedrock: the gateway calls AWS; this desktop does not.</source>
        <translation>Bedrock: Das Gateway ruft AWS auf, dieser Desktop nicht.</translation>
    </message>
    <message>
        <source>Vertex AI: the gateway calls Google; this desktop does not.</source>
        <translation>Vertex AI: Das Gateway ruft Google auf, dieser Desktop nicht.</translation>
    </message>
    <message>
        <source>Anthropic: the gateway calls Anthropic&apos;s API; this desktop does not.</source>
        <translation>Anthropic: Das Gateway ruft die API von Anthropic auf, dieser Desktop nicht.</translation>
    </message>
    <message>
        <source>OpenAI: the gateway calls OpenAI&apos;s API; this desktop does not.</source>
        <translation>OpenAI: Das Gateway ruft die API von OpenAI auf, dieser Desktop nicht.</translation>
    </message>
</context>
<context>
    <name>duo::PlatformChecks</name>
    <message>
        <source>The identifier names no Azure deployment: use azure/&lt;deployment name&gt;.</source>
        <translation>Der Bezeichner nennt kein Azure-Deployment: Verwenden Sie azure/&lt;Deployment-Name&gt;.</translation>
    </message>
    <message>
        <source>The Azure endpoint already ends in %1: use the resource URL %2.</source>
        <translation>Der Azure-Endpunkt endet bereits auf %1: Verwenden Sie die Ressourcen-URL %2.</translation>
    </message>
    <message>
        <source>%1 is not an Azure api-version (YYYY-MM-DD or YYYY-MM-DD-preview).</source>
        <translation>%1 ist keine Azure-api-version (JJJJ-MM-TT oder JJJJ-MM-TT-preview).</translation>
    </message>
    <message>
        <source>bedrock/converse/ must be followed by an application inference profile&apos;s ARN, not %1.</source>
        <translation>Auf bedrock/converse/ muss der ARN eines Application Inference Profile folgen, nicht %1.</translation>
    </message>
    <message>
        <source>%1 has no on-demand throughput: name it by an inference profile, such as %2.</source>
        <translation>%1 hat keinen On-Demand-Durchsatz: Nennen Sie es über ein Inference Profile, etwa %2.</translation>
    </message>
    <message>
        <source>%1 (no identifier given).</source>
        <translation>%1 (kein Bezeichner angegeben).</translation>
    </message>
    <message>
        <source>%1 (%2): the endpoint is not used from here; %3</source>
        <translation>%1 (%2): Der Endpunkt wird von hier aus nicht verwendet; %3</translation>
    </message>
    <message>
        <source>%1 (%2).</source>
        <translation>%1 (%2).</translation>
    </message>
</context>
</TS>
