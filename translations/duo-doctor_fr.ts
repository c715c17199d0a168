<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="fr_FR">
<context>
    <name>duo::Catalog</name>
    <message>
        <source>GitLab answers</source>
        <translation>GitLab répond</translation>
    </message>
    <message>
        <source>Personal access token is valid</source>
        <translation>Le jeton d'accès personnel est valide</translation>
    </message>
    <message>
        <source>GitLab edition and version support self-hosted models</source>
        <translation>L'édition et la version de GitLab prennent en charge les modèles auto-hébergés</translation>
    </message>
    <message>
        <source>License is present and not expired</source>
        <translation>Licence présente et non expirée</translation>
    </message>
    <message>
        <source>User may use Code Suggestions</source>
        <translation>L'utilisateur peut utiliser Code Suggestions</translation>
    </message>
    <message>
        <source>Code Suggestions use the self-hosted model</source>
        <translation>Code Suggestions utilise le modèle auto-hébergé</translation>
    </message>
    <message>
        <source>GitLab's AI gateway URL is this gateway</source>
        <translation>L'URL de passerelle IA de GitLab est cette passerelle</translation>
    </message>
    <message>
        <source>A code suggestion through GitLab</source>
        <translation>Une suggestion de code via GitLab</translation>
    </message>
    <message>
        <source>GitLab reaches the AI gateway</source>
        <translation>GitLab atteint la passerelle IA</translation>
    </message>
    <message>
        <source>GitLab reaches the model through the gateway</source>
        <translation>GitLab atteint le modèle via la passerelle</translation>
    </message>
    <message>
        <source>AI gateway answers</source>
        <translation>La passerelle IA répond</translation>
    </message>
    <message>
        <source>AI gateway can process requests</source>
        <translation>La passerelle IA peut traiter les requêtes</translation>
    </message>
    <message>
        <source>AI gateway accepts requests without a GitLab token</source>
        <translation>La passerelle IA accepte les requêtes sans jeton GitLab</translation>
    </message>
    <message>
        <source>AI gateway gets an answer from the model</source>
        <translation>La passerelle IA obtient une réponse du modèle</translation>
    </message>
    <message>
        <source>The gateway can reach the model's address</source>
        <translation>La passerelle peut joindre l'adresse du modèle</translation>
    </message>
    <message>
        <source>Model server answers</source>
        <translation>Le serveur de modèle répond</translation>
    </message>
    <message>
        <source>Model server type</source>
        <translation>Type de serveur de modèle</translation>
    </message>
    <message>
        <source>Endpoint path serves the OpenAI API</source>
        <translation>Le chemin du point de terminaison sert l'API OpenAI</translation>
    </message>
    <message>
        <source>Model server accepts the API key</source>
        <translation>Le serveur de modèle accepte la clé d'API</translation>
    </message>
    <message>
        <source>Model server serves this model</source>
        <translation>Le serveur de modèle sert ce modèle</translation>
    </message>
    <message>
        <source>Model generates an answer</source>
        <translation>Le modèle génère une réponse</translation>
    </message>
    <message>
        <source>Log GitLab's AI requests (expanded_ai_logging)</source>
        <translation>Journaliser les requêtes IA de GitLab (expanded_ai_logging)</translation>
    </message>
    <message>
        <source>GitLab's verification task</source>
        <translation>La tâche de vérification de GitLab</translation>
    </message>
    <message>
        <source>The gateway's troubleshooting script</source>
        <translation>Le script de dépannage de la passerelle</translation>
    </message>
    <message>
        <source>GitLab's AI_GATEWAY_URL (Rails console)</source>
        <translation>AI_GATEWAY_URL de GitLab (console Rails)</translation>
    </message>
    <message>
        <source>GitLab's HTTP request to the gateway (Rails console)</source>
        <translation>Requête HTTP de GitLab vers la passerelle (console Rails)</translation>
    </message>
    <message>
        <source>GitLab's request to the model (Rails console)</source>
        <translation>Requête de GitLab vers le modèle (console Rails)</translation>
    </message>
    <message>
        <source>User may access Code Suggestions (Rails console)</source>
        <translation>L'utilisateur a accès à Code Suggestions (console Rails)</translation>
    </message>
    <message>
        <source>Gateway environment variables (container shell)</source>
        <translation>Variables d'environnement de la passerelle (shell du conteneur)</translation>
    </message>
    <message>
        <source>Gateway health from inside its container</source>
        <translation>État de la passerelle depuis son conteneur</translation>
    </message>
    <message>
        <source>Model request from inside the gateway container</source>
        <translation>Requête au modèle depuis le conteneur de la passerelle</translation>
    </message>
    <message>
        <source>Model reachable from inside the gateway container</source>
        <translation>Modèle joignable depuis le conteneur de la passerelle</translation>
    </message>
    <message>
        <source>Gateway image platform matches the host</source>
        <translation>La plateforme de l'image de la passerelle correspond à l'hôte</translation>
    </message>
    <message>
        <source>GitLab</source>
        <translation>GitLab</translation>
    </message>
    <message>
        <source>AI Gateway</source>
        <translation>Passerelle IA</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <source>Manual steps</source>
        <translation>Étapes manuelles</translation>
    </message>
    <message>
        <source>The user has a GitLab Duo seat</source>
        <translation>L'utilisateur a une place GitLab Duo</translation>
    </message>
    <message>
        <source>GitLab's self-hosted model matches this setup</source>
        <translation>Le modèle auto-hébergé de GitLab correspond à cette configuration</translation>
    </message>
    <message>
        <source>Model's context window fits code generation</source>
        <translation>La fenêtre de contexte du modèle suffit pour la génération de code</translation>
    </message>
    <message>
        <source>Model writes code within GitLab's timeout</source>
        <translation>Le modèle écrit du code dans le délai de GitLab</translation>
    </message>
    <message>
        <source>Agent Platform service</source>
        <translation>Service Agent Platform</translation>
    </message>
    <message>
        <source>GitLab&apos;s Agent Platform check of a project (verify_setup)</source>
        <translation>Vérification de l&apos;Agent Platform de GitLab pour un projet (verify_setup)</translation>
    </message>
    <message>
        <source>Model answers with tool calls (Agentic Chat, flows)</source>
        <translation>Le modèle répond par des appels d&apos;outils (Agentic Chat, flows)</translation>
    </message>
    <message>
        <source>Model streams its answer as server-sent events</source>
        <translation>Le modèle diffuse sa réponse en server-sent events</translation>
    </message>
    <message>
        <source>Model accepts the parameters the gateway sends</source>
        <translation>Le modèle accepte les paramètres qu&apos;envoie la passerelle</translation>
    </message>
    <message>
        <source>GitLab&apos;s Agent Platform service address is HOST:PORT</source>
        <translation>L&apos;adresse du service Agent Platform dans GitLab est HOST:PORT</translation>
    </message>
    <message>
        <source>Where each GitLab Duo feature is routed</source>
        <translation>Vers où chaque fonction GitLab Duo est acheminée</translation>
    </message>
    <message>
        <source>A runner tagged gitlab--duo can run flows</source>
        <translation>Un runner avec le tag gitlab--duo peut exécuter les flows</translation>
    </message>
    <message>
        <source>Agentic Chat&apos;s WebSocket opens through GitLab</source>
        <translation>Le WebSocket d’Agentic Chat s’ouvre via GitLab</translation>
    </message>
    <message>
        <source>Agent Platform service answers gRPC&apos;s HTTP/2</source>
        <translation>Le service Agent Platform répond en HTTP/2 (gRPC)</translation>
    </message>
    <message>
        <source>Agent Platform service reports SERVING</source>
        <translation>Le service Agent Platform indique SERVING</translation>
    </message>
    <message>
        <source>The identifier names a model platform, in its form</source>
        <translation>L&apos;identifiant nomme une plateforme de modèle, dans sa forme</translation>
    </message>
</context>
<context>
    <name>duo::CheckContext</name>
    <message>
        <source>An answer Duo Doctor does not recognise: %1</source>
        <translation>Une réponse que Duo Doctor ne reconnaît pas : %1</translation>
    </message>
    <message>
        <source>Compare with the manual steps below and the server's log; the evidence shows the exact answer.</source>
        <translation>Comparez avec les étapes manuelles ci-dessous et le journal du serveur ; les preuves montrent la réponse exacte.</translation>
    </message>
    <message>
        <source>The server redirected %1 to %2: every request takes the detour, and requests carrying a token or key are not followed to another address.</source>
        <translation>Le serveur a redirigé %1 vers %2 : chaque requête fait le détour, et les requêtes portant un jeton ou une clé ne suivent pas vers une autre adresse.</translation>
    </message>
    <message>
        <source>Use %1 as the URL, here and wherever GitLab or the gateway is configured.</source>
        <translation>Utilisez %1 comme URL, ici et partout où GitLab ou la passerelle sont configurés.</translation>
    </message>
    <message>
        <source>HTTP %1 in %2 ms</source>
        <translation>HTTP %1 en %2 ms</translation>
    </message>
    <message>
        <source>&quot;%1&quot; (%2) did not finish: Duo Doctor stopped waiting for it.</source>
        <translation>« %1 » (%2) ne s&apos;est pas terminé : Duo Doctor a cessé de l&apos;attendre.</translation>
    </message>
    <message>
        <source>The check neither finished nor waited for an answer within its deadline. This is a fault in Duo Doctor, not in your setup.</source>
        <translation>La vérification ne s&apos;est pas terminée et n&apos;attendait aucune réponse dans son délai. C&apos;est un défaut de Duo Doctor, pas de votre installation.</translation>
    </message>
    <message>
        <source>Run the check again; if it happens again, report it with this report.</source>
        <translation>Relancez la vérification ; si cela se reproduit, signalez-le avec ce rapport.</translation>
    </message>
</context>
<context>
    <name>duo::CheckEngine</name>
    <message>
        <source>Cancelled before it finished.</source>
        <translation>Annulé avant la fin.</translation>
    </message>
    <message>
        <source>Not run: it needs "%1" (%2), which failed.</source>
        <translation>Non exécuté : nécessite « %1 » (%2), qui a échoué.</translation>
    </message>
    <message>
        <source>Not run: it needs "%1" (%2), which was skipped.</source>
        <translation>Non exécuté : nécessite « %1 » (%2), qui a été ignoré.</translation>
    </message>
    <message>
        <source>Not run: it needs "%1" (%2), which could not be checked from here.</source>
        <translation>Non exécuté : nécessite « %1 » (%2), qui n'a pas pu être vérifié d'ici.</translation>
    </message>
    <message>
        <source>Not run: needs an administrator's token; %1 is not an administrator.</source>
        <translation>Non exécuté : nécessite le jeton d'un administrateur ; %1 n'est pas administrateur.</translation>
    </message>
</context>
<context>
    <name>duo::Commands</name>
    <message>
        <source>Docker: restart the gateway on the host network</source>
        <translation>Docker : redémarrer la passerelle sur le réseau de l'hôte</translation>
    </message>
    <message>
        <source>Kubernetes: run the gateway pod on the node's network</source>
        <translation>Kubernetes : exécuter le pod de la passerelle sur le réseau du nœud</translation>
    </message>
    <message>
        <source>Docker: ask the model from inside the gateway container</source>
        <translation>Docker : interroger le modèle depuis le conteneur de la passerelle</translation>
    </message>
    <message>
        <source>Kubernetes: the same from the gateway pod</source>
        <translation>Kubernetes : la même chose depuis le pod de la passerelle</translation>
    </message>
    <message>
        <source>Docker: show the gateway's settings</source>
        <translation>Docker : afficher les réglages de la passerelle</translation>
    </message>
    <message>
        <source>Kubernetes: the same in the gateway pod</source>
        <translation>Kubernetes : la même chose dans le pod de la passerelle</translation>
    </message>
    <message>
        <source>Docker: recreate the gateway with the required settings</source>
        <translation>Docker : recréer la passerelle avec les réglages requis</translation>
    </message>
    <message>
        <source>Kubernetes: set them on the deployment</source>
        <translation>Kubernetes : les définir sur le déploiement</translation>
    </message>
    <message>
        <source>Docker: the gateway's recent log</source>
        <translation>Docker : le journal récent de la passerelle</translation>
    </message>
    <message>
        <source>Kubernetes: the gateway pod's recent log</source>
        <translation>Kubernetes : le journal récent du pod de la passerelle</translation>
    </message>
    <message>
        <source>Docker: health from inside the gateway container</source>
        <translation>Docker : état depuis le conteneur de la passerelle</translation>
    </message>
    <message>
        <source>Docker: the model request from inside the gateway container</source>
        <translation>Docker : la requête au modèle depuis le conteneur de la passerelle</translation>
    </message>
    <message>
        <source>Docker: the gateway's troubleshooting script</source>
        <translation>Docker : le script de dépannage de la passerelle</translation>
    </message>
    <message>
        <source>Docker: pull and run the amd64 image explicitly</source>
        <translation>Docker : récupérer et lancer explicitement l'image amd64</translation>
    </message>
    <message>
        <source>Linux package: GitLab's own verification task</source>
        <translation>Paquet Linux : la tâche de vérification de GitLab</translation>
    </message>
    <message>
        <source>Kubernetes (Helm chart): from the toolbox pod</source>
        <translation>Kubernetes (chart Helm) : depuis le pod toolbox</translation>
    </message>
    <message>
        <source>Rails console: the gateway URL GitLab uses</source>
        <translation>Console Rails : l'URL de passerelle qu'utilise GitLab</translation>
    </message>
    <message>
        <source>Linux package: set it in /etc/gitlab/gitlab.rb, then reconfigure</source>
        <translation>Paquet Linux : la définir dans /etc/gitlab/gitlab.rb, puis reconfigure</translation>
    </message>
    <message>
        <source>Rails console: can GitLab reach the gateway?</source>
        <translation>Console Rails : GitLab atteint-il la passerelle ?</translation>
    </message>
    <message>
        <source>Rails console: add the gateway host to the outbound allow-list</source>
        <translation>Console Rails : ajouter l'hôte de la passerelle à la liste d'autorisation sortante</translation>
    </message>
    <message>
        <source>Rails console: GitLab -&gt; gateway -&gt; model</source>
        <translation>Console Rails : GitLab -&gt; passerelle -&gt; modèle</translation>
    </message>
    <message>
        <source>Rails console: may this user use Code Suggestions?</source>
        <translation>Console Rails : cet utilisateur peut-il utiliser Code Suggestions ?</translation>
    </message>
    <message>
        <source>Rails console: the current license</source>
        <translation>Console Rails : la licence actuelle</translation>
    </message>
    <message>
        <source>Rails console: which model each feature uses</source>
        <translation>Console Rails : quel modèle chaque fonctionnalité utilise</translation>
    </message>
    <message>
        <source>Rails console: log GitLab &lt;-&gt; gateway traffic to llm.log</source>
        <translation>Console Rails : journaliser le trafic GitLab &lt;-&gt; passerelle dans llm.log</translation>
    </message>
    <message>
        <source>Rails console: turn it off again when you are done</source>
        <translation>Console Rails : le désactiver ensuite</translation>
    </message>
    <message>
        <source>From this desktop: what the model server serves</source>
        <translation>Depuis ce poste : ce que sert le serveur de modèle</translation>
    </message>
    <message>
        <source>Docker: the gateway's GitLab URLs, and GitLab's API from inside the container</source>
        <translation>Docker : les URL GitLab de la passerelle, et l'API de GitLab depuis le conteneur</translation>
    </message>
    <message>
        <source>On the gateway host: make the four RSA-2048 signing keys (PEM), kept out of any command line</source>
        <translation>Sur l&apos;hôte de la passerelle : créer les quatre clés de signature RSA-2048 (PEM), jamais sur une ligne de commande</translation>
    </message>
    <message>
        <source>Kubernetes: keep them in a Secret and map it to the four variables on the deployment</source>
        <translation>Kubernetes : les garder dans un Secret et le relier aux quatre variables du déploiement</translation>
    </message>
    <message>
        <source>Docker: the Agent Platform service&apos;s gRPC health from inside the gateway container</source>
        <translation>Docker : l&apos;état gRPC du service Agent Platform depuis le conteneur de la passerelle</translation>
    </message>
    <message>
        <source>Linux package: GitLab&apos;s Agent Platform check of one project</source>
        <translation>Paquet Linux : la vérification de l&apos;Agent Platform de GitLab pour un projet</translation>
    </message>
    <message>
        <source>GitLab 18.8 to 18.11: download verify_setup.rb to /tmp on the GitLab server, then run it</source>
        <translation>GitLab 18.8 à 18.11 : télécharger verify_setup.rb dans /tmp sur le serveur GitLab, puis l&apos;exécuter</translation>
    </message>
    <message>
        <source>GitLab 19.0 and later (18.8 to 18.11: the script verify_setup.rb with gitlab-rails runner; older releases have neither)</source>
        <translation>GitLab 19.0 et plus récent (18.8 à 18.11 : le script verify_setup.rb avec gitlab-rails runner ; les versions plus anciennes n&apos;ont ni l&apos;un ni l&apos;autre)</translation>
    </message>
    <message>
        <source>Rails console: the gateway URL GitLab stores (Admin &gt; GitLab Duo)</source>
        <translation>Console Rails : l&apos;URL de la passerelle que GitLab enregistre (Admin &gt; GitLab Duo)</translation>
    </message>
    <message>
        <source>Rails console: set it (or Admin &gt; GitLab Duo &gt; Change configuration &gt; Local AI Gateway URL)</source>
        <translation>Console Rails : la définir (ou Admin &gt; GitLab Duo &gt; Change configuration &gt; Local AI Gateway URL)</translation>
    </message>
    <message>
        <source>Rails console: turn on &quot;Enable AI logs&quot; (or Admin &gt; GitLab Duo &gt; Change configuration)</source>
        <translation>Console Rails : activer « Enable AI logs » (ou Admin &gt; GitLab Duo &gt; Change configuration)</translation>
    </message>
    <message>
        <source>Rails console: is it on?</source>
        <translation>Console Rails : est-ce activé ?</translation>
    </message>
    <message>
        <source>Rails console: the Agent Platform service address GitLab uses</source>
        <translation>Console Rails : l&apos;adresse du service Agent Platform qu&apos;utilise GitLab</translation>
    </message>
    <message>
        <source>Rails console: set it as HOST:PORT, without a scheme</source>
        <translation>Console Rails : la définir en HOST:PORT, sans schéma</translation>
    </message>
    <message>
        <source>On the runner&apos;s host: register the runner created with the tag gitlab--duo (Docker executor)</source>
        <translation>Sur l&apos;hôte du runner : enregistrer le runner créé avec le tag gitlab--duo (exécuteur Docker)</translation>
    </message>
    <message>
        <source>Kubernetes: the runner&apos;s Helm chart with the same token</source>
        <translation>Kubernetes : le chart Helm du runner avec le même jeton</translation>
    </message>
    <message>
        <source>On the runner&apos;s host: its state, and whether GitLab accepts it</source>
        <translation>Sur l&apos;hôte du runner : son état, et si GitLab l&apos;accepte</translation>
    </message>
    <message>
        <source>Docker: the Agent Platform service&apos;s TLS and authentication settings</source>
        <translation>Docker : réglages TLS et d’authentification du service Agent Platform</translation>
    </message>
</context>
<context>
    <name>duo::ContainerProbe</name>
    <message>
        <source>Inside the gateway container AIGW_CUSTOM_MODELS__ENABLED is "%1", not true.</source>
        <translation>Dans le conteneur de la passerelle, AIGW_CUSTOM_MODELS__ENABLED vaut « %1 », pas true.</translation>
    </message>
    <message>
        <source>Inside the gateway container AIGW_AUTH__BYPASS_EXTERNAL is "%1", not true.</source>
        <translation>Dans le conteneur de la passerelle, AIGW_AUTH__BYPASS_EXTERNAL vaut « %1 », pas true.</translation>
    </message>
    <message>
        <source>AIGW_GITLAB_URL is not set in the gateway container.</source>
        <translation>AIGW_GITLAB_URL n'est pas défini dans le conteneur de la passerelle.</translation>
    </message>
    <message>
        <source>The gateway container cannot resolve GitLab's host %1.</source>
        <translation>Le conteneur de la passerelle ne peut pas résoudre l'hôte de GitLab %1.</translation>
    </message>
    <message>
        <source>%1 does not resolve inside the container</source>
        <translation>%1 ne se résout pas dans le conteneur</translation>
    </message>
    <message>
        <source>Custom models on, external auth bypassed, AIGW_GITLAB_URL=%1; GitLab's host resolves to %2.</source>
        <translation>Modèles personnalisés activés, authentification externe contournée, AIGW_GITLAB_URL=%1 ; l'hôte de GitLab se résout en %2.</translation>
    </message>
    <message>
        <source>(not checked)</source>
        <translation>(non vérifié)</translation>
    </message>
    <message>
        <source>The gateway answers its own health check inside the container (HTTP 200).</source>
        <translation>La passerelle répond à sa propre vérification d'état dans le conteneur (HTTP 200).</translation>
    </message>
    <message>
        <source>Inside the container nothing answers %1: %2</source>
        <translation>Dans le conteneur, rien ne répond à %1 : %2</translation>
    </message>
    <message>
        <source>Inside the container the gateway's health check answers HTTP %1.</source>
        <translation>Dans le conteneur, la vérification d'état de la passerelle répond HTTP %1.</translation>
    </message>
    <message>
        <source>The model server answers the gateway container (HTTP 200 from %1).</source>
        <translation>Le serveur de modèle répond au conteneur de la passerelle (HTTP 200 de %1).</translation>
    </message>
    <message>
        <source>The gateway container cannot reach the model at %1: %2</source>
        <translation>Le conteneur de la passerelle ne peut pas joindre le modèle à %1 : %2</translation>
    </message>
    <message>
        <source>The model server refuses the key from inside the container (HTTP %1).</source>
        <translation>Le serveur de modèle refuse la clé envoyée depuis le conteneur (HTTP %1).</translation>
    </message>
    <message>
        <source>The model server answers the container but wants a key (HTTP %1); run the probe with DUO_MODEL_KEY to check it.</source>
        <translation>Le serveur de modèle répond au conteneur mais exige une clé (HTTP %1) ; exécutez la sonde avec DUO_MODEL_KEY pour la vérifier.</translation>
    </message>
    <message>
        <source>Inside the container %1 is not found (HTTP 404).</source>
        <translation>Dans le conteneur, %1 est introuvable (HTTP 404).</translation>
    </message>
    <message>
        <source>Inside the container %1 answers HTTP %2.</source>
        <translation>Dans le conteneur, %1 répond HTTP %2.</translation>
    </message>
    <message>
        <source>no JSON object in the pasted text: paste the line the probe printed</source>
        <translation>aucun objet JSON dans le texte collé : collez la ligne affichée par la sonde</translation>
    </message>
    <message>
        <source>the probe's output is not valid JSON (%1): paste it whole</source>
        <translation>la sortie de la sonde n'est pas du JSON valide (%1) : collez-la en entier</translation>
    </message>
    <message>
        <source>this is not the output of Duo Doctor's container probe</source>
        <translation>ce n'est pas la sortie de la sonde de conteneur de Duo Doctor</translation>
    </message>
    <message>
        <source>%1 not set</source>
        <translation>%1 non définie(s)</translation>
    </message>
    <message>
        <source>%1 not a PEM key</source>
        <translation>%1 pas une clé PEM</translation>
    </message>
    <message>
        <source>The Agent Platform service&apos;s token keys are not usable: %1.</source>
        <translation>Les clés de jeton du service Agent Platform ne sont pas utilisables : %1.</translation>
    </message>
    <message>
        <source>%1 hold a PEM key on one line.</source>
        <translation>%1 contient une clé PEM sur une seule ligne.</translation>
    </message>
    <message>
        <source>DUO_WORKFLOW_AUTH__ENABLED is &quot;%1&quot; in the gateway container, not true.</source>
        <translation>DUO_WORKFLOW_AUTH__ENABLED vaut « %1 » dans le conteneur de la passerelle, pas true.</translation>
    </message>
    <message>
        <source>%1 names %2, which the container cannot read</source>
        <translation>%1 désigne %2, que le conteneur ne peut pas lire</translation>
    </message>
    <message>
        <source>only %1 is set (Python&apos;s requests reads REQUESTS_CA_BUNDLE, the other clients SSL_CERT_FILE)</source>
        <translation>seule %1 est définie (requests de Python lit REQUESTS_CA_BUNDLE, les autres clients SSL_CERT_FILE)</translation>
    </message>
    <message>
        <source>The gateway&apos;s CA settings are incomplete: %1.</source>
        <translation>Les réglages d&apos;AC de la passerelle sont incomplets : %1.</translation>
    </message>
    <message>
        <source>only %1 is set</source>
        <translation>seule %1 est définie</translation>
    </message>
    <message>
        <source>%1 is neither GitLab&apos;s URL nor GitLab&apos;s customer portal</source>
        <translation>%1 n&apos;est ni l&apos;URL de GitLab ni le portail client de GitLab</translation>
    </message>
    <message>
        <source>Customer portal URLs: %1.</source>
        <translation>URL du portail client : %1.</translation>
    </message>
    <message>
        <source>%1, a tag that names no GitLab version</source>
        <translation>%1, une étiquette qui ne nomme aucune version de GitLab</translation>
    </message>
    <message>
        <source>The gateway image %1 does not match GitLab %2.</source>
        <translation>L&apos;image de la passerelle %1 ne correspond pas à GitLab %2.</translation>
    </message>
    <message>
        <source>image %1</source>
        <translation>image %1</translation>
    </message>
    <message>
        <source>Also: %1</source>
        <translation>Aussi : %1</translation>
    </message>
    <message>
        <source>The Agent Platform service answers SERVING at %1.</source>
        <translation>Le service Agent Platform répond SERVING à %1.</translation>
    </message>
    <message>
        <source>Inside the container the Agent Platform service answers %1 at %2.</source>
        <translation>Dans le conteneur, le service Agent Platform répond %1 à %2.</translation>
    </message>
    <message>
        <source>Inside the container the Agent Platform service does not answer at %1: %2</source>
        <translation>Dans le conteneur, le service Agent Platform ne répond pas à %1 : %2</translation>
    </message>
    <message numerus="yes">
        <source>%1 holds %n certificate(s), so not the public roots</source>
        <translation>
            <numerusform>%1 contient %n certificat, donc pas les racines publiques</numerusform>
            <numerusform>%1 contient %n certificats, donc pas les racines publiques</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of the four token keys PEM-shaped</source>
        <translation>
            <numerusform>%n des quatre clés de jeton au format PEM</numerusform>
            <numerusform>%n des quatre clés de jeton au format PEM</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 with %n certificate(s)</source>
        <translation>
            <numerusform>%1 avec %n certificat</numerusform>
            <numerusform>%1 avec %n certificats</numerusform>
        </translation>
    </message>
    <message>
        <source>The model runs on AWS Bedrock, but the gateway container has neither AWS credentials nor a region (AWS_REGION or AWS_REGION_NAME).</source>
        <translation>Le modèle tourne sur AWS Bedrock, mais le conteneur de la passerelle n’a ni identifiants AWS ni région (AWS_REGION ou AWS_REGION_NAME).</translation>
    </message>
    <message>
        <source>model platform settings set: %1</source>
        <translation>paramètres de la plateforme du modèle définis : %1</translation>
    </message>
</context>
<context>
    <name>duo::FleetReport</name>
    <message>
        <source>Not run: %1</source>
        <translation>Non exécuté : %1</translation>
    </message>
    <message>
        <source>%1 failed; most likely: %2</source>
        <translation>%1 en échec ; le plus probable : %2</translation>
    </message>
    <message>
        <source>No check failed (%1 passed, %2 warnings)</source>
        <translation>Aucune vérification en échec (%1 réussies, %2 avertissements)</translation>
    </message>
    <message>
        <source>Duo Doctor fleet report</source>
        <translation>Rapport de flotte Duo Doctor</translation>
    </message>
    <message>
        <source>%1 profiles checked, %2 with a failure.</source>
        <translation>%1 profils vérifiés, %2 avec un échec.</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
</context>
<context>
    <name>duo::GatewayChecks</name>
    <message>
        <source>No AI gateway URL given: gateway checks are skipped.</source>
        <translation>Aucune URL de passerelle IA : les vérifications de la passerelle sont ignorées.</translation>
    </message>
    <message>
        <source>GET %1 from this desktop: %2</source>
        <translation>GET %1 depuis ce poste : %2</translation>
    </message>
    <message>
        <source>The AI gateway did not answer: %1</source>
        <translation>La passerelle IA n'a pas répondu : %1</translation>
    </message>
    <message>
        <source>The AI gateway answered in %1 ms.</source>
        <translation>La passerelle IA a répondu en %1 ms.</translation>
    </message>
    <message>
        <source>GET /monitoring/healthz: %1</source>
        <translation>GET /monitoring/healthz : %1</translation>
    </message>
    <message>
        <source>A login page answered instead of the gateway.</source>
        <translation>Une page de connexion a répondu à la place de la passerelle.</translation>
    </message>
    <message>
        <source>The AI gateway reports healthy.</source>
        <translation>La passerelle IA se déclare en bonne santé.</translation>
    </message>
    <message>
        <source>/monitoring/healthz answered HTTP %1.</source>
        <translation>/monitoring/healthz a répondu HTTP %1.</translation>
    </message>
    <message>
        <source>POST /v1/chat/agent without a token and with an empty body: %1</source>
        <translation>POST /v1/chat/agent sans jeton et avec un corps vide : %1</translation>
    </message>
    <message>
        <source>Requests without a GitLab token get past authentication (HTTP %1).</source>
        <translation>Les requêtes sans jeton GitLab passent l'authentification (HTTP %1).</translation>
    </message>
    <message>
        <source>Requests without a GitLab token are refused (HTTP %1).</source>
        <translation>Les requêtes sans jeton GitLab sont refusées (HTTP %1).</translation>
    </message>
    <message>
        <source>Needs the model name and endpoint.</source>
        <translation>Nécessite le nom et le point de terminaison du modèle.</translation>
    </message>
    <message>
        <source>POST /v1/chat/agent with the troubleshooting page's body (model %1, endpoint %2): %3</source>
        <translation>POST /v1/chat/agent avec le corps de la page de dépannage (modèle %1, point de terminaison %2) : %3</translation>
    </message>
    <message>
        <source>The model answered through the gateway in %1 ms: "%2"</source>
        <translation>Le modèle a répondu via la passerelle en %1 ms : « %2 »</translation>
    </message>
    <message>
        <source>The gateway answered HTTP %1: %2</source>
        <translation>La passerelle a répondu HTTP %1 : %2</translation>
    </message>
</context>
<context>
    <name>duo::GitLabChecks</name>
    <message>
        <source>GitLab answered HTTP %1.</source>
        <translation>GitLab a répondu HTTP %1.</translation>
    </message>
    <message>
        <source>No GitLab URL given: GitLab checks are skipped.</source>
        <translation>Aucune URL GitLab : les vérifications GitLab sont ignorées.</translation>
    </message>
    <message>
        <source>GET %1 from this desktop: %2</source>
        <translation>GET %1 depuis ce poste : %2</translation>
    </message>
    <message>
        <source>GitLab did not answer: %1</source>
        <translation>GitLab n'a pas répondu : %1</translation>
    </message>
    <message>
        <source>A login page answered instead of GitLab's API.</source>
        <translation>Une page de connexion a répondu à la place de l'API de GitLab.</translation>
    </message>
    <message>
        <source>Something answers at %1, but not GitLab's API (HTTP %2).</source>
        <translation>Quelque chose répond à %1, mais pas l'API de GitLab (HTTP %2).</translation>
    </message>
    <message>
        <source>GitLab answered in %1 ms (HTTP %2).</source>
        <translation>GitLab a répondu en %1 ms (HTTP %2).</translation>
    </message>
    <message>
        <source>No personal access token given (--gitlab-token-env): checks that ask GitLab are skipped.</source>
        <translation>Aucun jeton d'accès personnel (--gitlab-token-env) : les vérifications qui interrogent GitLab sont ignorées.</translation>
    </message>
    <message>
        <source>GitLab rejected the token (HTTP 401).</source>
        <translation>GitLab a refusé le jeton (HTTP 401).</translation>
    </message>
    <message>
        <source>administrator</source>
        <translation>administrateur</translation>
    </message>
    <message>
        <source>not an administrator</source>
        <translation>pas administrateur</translation>
    </message>
    <message>
        <source>Token of %1 (%2), scopes: %3.</source>
        <translation>Jeton de %1 (%2), portées : %3.</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>inconnu</translation>
    </message>
    <message>
        <source>License, feature settings, the AI gateway URL and GitLab's connection check need an administrator's token; they are skipped.</source>
        <translation>La licence, les réglages de fonctionnalités, l'URL de passerelle IA et la vérification de connexion de GitLab nécessitent un jeton d'administrateur ; elles sont ignorées.</translation>
    </message>
    <message>
        <source>GitLab's /api/v4/metadata is not the JSON it should be.</source>
        <translation>Le /api/v4/metadata de GitLab n'est pas le JSON attendu.</translation>
    </message>
    <message>
        <source>GitLab %1 is the Community Edition.</source>
        <translation>GitLab %1 est l'édition Community.</translation>
    </message>
    <message>
        <source>GitLab %1 is older than 17.0.</source>
        <translation>GitLab %1 est antérieur à 17.0.</translation>
    </message>
    <message>
        <source>GitLab %1 Enterprise Edition; the matching gateway image tag is %2.</source>
        <translation>GitLab %1 édition Enterprise ; l'étiquette d'image de passerelle correspondante est %2.</translation>
    </message>
    <message>
        <source>GitLab refused to show the license: it needs an administrator's token.</source>
        <translation>GitLab a refusé de montrer la licence : il faut un jeton d'administrateur.</translation>
    </message>
    <message>
        <source>GitLab has no license.</source>
        <translation>GitLab n'a pas de licence.</translation>
    </message>
    <message>
        <source>The %1 license expired on %2.</source>
        <translation>La licence %1 a expiré le %2.</translation>
    </message>
    <message>
        <source>%1 license, no expiry date.</source>
        <translation>Licence %1, sans date d'expiration.</translation>
    </message>
    <message>
        <source>%1 license, valid until %2.</source>
        <translation>Licence %1, valable jusqu'au %2.</translation>
    </message>
    <message>
        <source>This GitLab version cannot answer remotely; run the manual step manual.user_access.</source>
        <translation>Cette version de GitLab ne peut pas répondre à distance ; exécutez l'étape manuelle manual.user_access.</translation>
    </message>
    <message>
        <source>%1 may not use Code Suggestions.</source>
        <translation>%1 ne peut pas utiliser Code Suggestions.</translation>
    </message>
    <message>
        <source>%1 may use Code Suggestions.</source>
        <translation>%1 peut utiliser Code Suggestions.</translation>
    </message>
    <message>
        <source>GitLab refused to show the feature settings: it needs an administrator's token.</source>
        <translation>GitLab a refusé de montrer les réglages de fonctionnalités : il faut un jeton d'administrateur.</translation>
    </message>
    <message>
        <source>This GitLab version cannot list feature settings remotely; check them in Admin &gt; Settings &gt; General &gt; AI-powered features.</source>
        <translation>Cette version de GitLab ne peut pas lister les réglages à distance ; vérifiez-les dans Admin &gt; Settings &gt; General &gt; AI-powered features.</translation>
    </message>
    <message>
        <source>Code Suggestions not configured</source>
        <translation>Code Suggestions non configuré</translation>
    </message>
    <message>
        <source>Not set to a self-hosted model: %1.</source>
        <translation>Pas réglé sur un modèle auto-hébergé : %1.</translation>
    </message>
    <message>
        <source>Code Suggestions and code generation use the self-hosted model %1.</source>
        <translation>Code Suggestions et la génération de code utilisent le modèle auto-hébergé %1.</translation>
    </message>
    <message>
        <source>GitLab refused to show its Duo settings: it needs an administrator's token.</source>
        <translation>GitLab a refusé de montrer ses réglages Duo : il faut un jeton d'administrateur.</translation>
    </message>
    <message>
        <source>This GitLab version keeps the URL in AI_GATEWAY_URL; run the manual step manual.gitlab_env.</source>
        <translation>Cette version de GitLab garde l'URL dans AI_GATEWAY_URL ; exécutez l'étape manuelle manual.gitlab_env.</translation>
    </message>
    <message>
        <source>GitLab has no AI gateway URL.</source>
        <translation>GitLab n'a pas d'URL de passerelle IA.</translation>
    </message>
    <message>
        <source>GitLab uses the AI gateway at %1.</source>
        <translation>GitLab utilise la passerelle IA à %1.</translation>
    </message>
    <message>
        <source>GitLab uses this gateway (%1).</source>
        <translation>GitLab utilise cette passerelle (%1).</translation>
    </message>
    <message>
        <source>GitLab reaches the gateway as %1, you entered %2; GitLab's own probe passes.</source>
        <translation>GitLab joint la passerelle sous %1, vous avez saisi %2 ; la sonde de GitLab réussit.</translation>
    </message>
    <message>
        <source>GitLab's AI gateway URL is %1, not %2.</source>
        <translation>L'URL de passerelle IA de GitLab est %1, pas %2.</translation>
    </message>
    <message>
        <source>GitLab cannot run its probes for this token or version; run the manual step manual.gitlab_http_gateway.</source>
        <translation>GitLab ne peut pas exécuter ses sondes pour ce jeton ou cette version ; exécutez l'étape manuelle manual.gitlab_http_gateway.</translation>
    </message>
    <message>
        <source>GitLab returned no probe results; run the manual step manual.gitlab_http_gateway.</source>
        <translation>GitLab n'a renvoyé aucun résultat de sonde ; exécutez l'étape manuelle manual.gitlab_http_gateway.</translation>
    </message>
    <message>
        <source>GitLab's own probes reach the AI gateway.</source>
        <translation>Les sondes de GitLab atteignent la passerelle IA.</translation>
    </message>
    <message>
        <source>GitLab cannot reach the AI gateway: %1</source>
        <translation>GitLab n'atteint pas la passerelle IA : %1</translation>
    </message>
    <message>
        <source>The token lacks the api or ai_features scope that Code Suggestions need.</source>
        <translation>Il manque au jeton la portée api ou ai_features requise par Code Suggestions.</translation>
    </message>
    <message>
        <source>POST /api/v4/code_suggestions/completions, as an IDE does: %1</source>
        <translation>POST /api/v4/code_suggestions/completions, comme un IDE : %1</translation>
    </message>
    <message>
        <source>GitLab returned a code suggestion in %1 ms.</source>
        <translation>GitLab a renvoyé une suggestion de code en %1 ms.</translation>
    </message>
    <message>
        <source>GitLab answered, but without a suggestion.</source>
        <translation>GitLab a répondu, mais sans suggestion.</translation>
    </message>
    <message>
        <source>GitLab answered HTTP %1: %2</source>
        <translation>GitLab a répondu HTTP %1 : %2</translation>
    </message>
    <message>
        <source>Needs the model name and endpoint.</source>
        <translation>Nécessite le nom et le point de terminaison du modèle.</translation>
    </message>
    <message>
        <source>GitLab cannot run its connection check for this token or version; run the manual step manual.console_model_request.</source>
        <translation>GitLab ne peut pas exécuter sa vérification de connexion pour ce jeton ou cette version ; exécutez l'étape manuelle manual.console_model_request.</translation>
    </message>
    <message>
        <source>GitLab -&gt; gateway -&gt; model works: %1</source>
        <translation>GitLab -&gt; passerelle -&gt; modèle fonctionne : %1</translation>
    </message>
    <message>
        <source>GitLab's connection check failed: %1</source>
        <translation>La vérification de connexion de GitLab a échoué : %1</translation>
    </message>
    <message>
        <source>GitLab does not show its Duo seats to this token or version; check Admin &gt; GitLab Duo &gt; Seat utilization by hand.</source>
        <translation>GitLab n'affiche pas ses places Duo pour ce jeton ou cette version ; vérifiez Admin &gt; GitLab Duo &gt; Seat utilization à la main.</translation>
    </message>
    <message>
        <source>No GitLab Duo add-on is active on this instance.</source>
        <translation>Aucun module complémentaire GitLab Duo n'est actif sur cette instance.</translation>
    </message>
    <message>
        <source>GitLab does not say who has a Duo seat to this token or version; check Admin &gt; GitLab Duo &gt; Seat utilization by hand.</source>
        <translation>GitLab n'indique pas qui a une place Duo pour ce jeton ou cette version ; vérifiez Admin &gt; GitLab Duo &gt; Seat utilization à la main.</translation>
    </message>
    <message>
        <source>%1 has a %2 seat (%3 of %4 seats assigned).</source>
        <translation>%1 a une place %2 (%3 places attribuées sur %4).</translation>
    </message>
    <message>
        <source>%1 has no %2 seat (%3 of %4 seats assigned).</source>
        <translation>%1 n'a pas de place %2 (%3 places attribuées sur %4).</translation>
    </message>
    <message>
        <source>Needs the model's name or endpoint.</source>
        <translation>Nécessite le nom ou le point de terminaison du modèle.</translation>
    </message>
    <message>
        <source>GitLab has no self-hosted model configured.</source>
        <translation>GitLab n'a aucun modèle auto-hébergé configuré.</translation>
    </message>
    <message>
        <source>GitLab has no self-hosted model named %1 or with this endpoint; it has: %2.</source>
        <translation>GitLab n'a aucun modèle auto-hébergé nommé %1 ou avec ce point de terminaison ; il a : %2.</translation>
    </message>
    <message>
        <source>%1: %2 here, %3 in GitLab</source>
        <translation>%1 : %2 ici, %3 dans GitLab</translation>
    </message>
    <message>
        <source>GitLab's model %1 differs from this setup: %2.</source>
        <translation>Le modèle %1 de GitLab diffère de cette configuration : %2.</translation>
    </message>
    <message>
        <source>GitLab's model %1 has no API key, but this setup uses one.</source>
        <translation>Le modèle %1 de GitLab n'a pas de clé d'API, mais cette configuration en utilise une.</translation>
    </message>
    <message>
        <source>GitLab's model %1 matches this setup (name, family, endpoint, identifier).</source>
        <translation>Le modèle %1 de GitLab correspond à cette configuration (nom, famille, point de terminaison, identifiant).</translation>
    </message>
    <message>
        <source>GitLab %1 has no GitLab Duo Agent Platform settings (they came with GitLab 18.4): nothing to check.</source>
        <translation>GitLab %1 n&apos;a pas de réglages GitLab Duo Agent Platform (ils sont arrivés avec GitLab 18.4) : rien à vérifier.</translation>
    </message>
    <message>
        <source>(version unknown)</source>
        <translation>(version inconnue)</translation>
    </message>
    <message>
        <source>self-hosted model</source>
        <translation>modèle auto-hébergé</translation>
    </message>
    <message>
        <source>GitLab-managed</source>
        <translation>géré par GitLab</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>désactivé</translation>
    </message>
    <message>
        <source>no model</source>
        <translation>aucun modèle</translation>
    </message>
    <message>
        <source>Features by provider: %1.</source>
        <translation>Fonctions par fournisseur : %1.</translation>
    </message>
    <message>
        <source>GitLab-managed features (%1) are sent to GitLab&apos;s cloud AI gateway: GitLab needs internet access and an online license (cloud licensing) for them; an offline license cannot use them.</source>
        <translation>Les fonctions gérées par GitLab (%1) sont envoyées à l&apos;AI gateway de GitLab dans le cloud : GitLab a besoin pour elles d&apos;un accès à Internet et d&apos;une licence en ligne (cloud licensing) ; une licence hors ligne ne permet pas de les utiliser.</translation>
    </message>
    <message>
        <source>Not configured: GitLab has no Agent Platform service address.</source>
        <translation>Non configuré : GitLab n&apos;a pas d&apos;adresse pour le service Agent Platform.</translation>
    </message>
    <message>
        <source>Not configured in GitLab; the service checks use the address given here, %1.</source>
        <translation>Non configuré dans GitLab ; les vérifications du service utilisent l&apos;adresse donnée ici, %1.</translation>
    </message>
    <message>
        <source>Not configured, yet %1 are routed to a self-hosted model.</source>
        <translation>Non configuré, alors que %1 sont acheminées vers un modèle auto-hébergé.</translation>
    </message>
    <message>
        <source>GitLab&apos;s Agent Platform service address %1 has a scheme; GitLab expects HOST:PORT: %2.</source>
        <translation>L&apos;adresse du service Agent Platform dans GitLab, %1, a un schéma ; GitLab attend HOST:PORT : %2.</translation>
    </message>
    <message>
        <source>GitLab&apos;s Agent Platform service address %1 is not HOST:PORT.</source>
        <translation>L&apos;adresse du service Agent Platform dans GitLab, %1, n&apos;est pas HOST:PORT.</translation>
    </message>
    <message>
        <source>GitLab&apos;s Agent Platform service address is %1.</source>
        <translation>L&apos;adresse du service Agent Platform dans GitLab est %1.</translation>
    </message>
    <message>
        <source>GitLab&apos;s Agent Platform service address is %1; the service checks use the address given here, %2.</source>
        <translation>L&apos;adresse du service Agent Platform dans GitLab est %1 ; les vérifications du service utilisent l&apos;adresse donnée ici, %2.</translation>
    </message>
    <message>
        <source>An online runner tagged gitlab--duo is ready (%1 tagged; GitLab&apos;s REST API does not name executors: make sure it is Docker or Kubernetes).</source>
        <translation>Un runner avec le tag gitlab--duo est en ligne et prêt (%1 avec le tag ; l&apos;API REST de GitLab ne nomme pas les exécuteurs : vérifiez qu&apos;il s&apos;agit de Docker ou Kubernetes).</translation>
    </message>
    <message>
        <source>An online runner tagged gitlab--duo with the %1 executor is ready for flows (%2 tagged).</source>
        <translation>Un runner avec le tag gitlab--duo et l&apos;exécuteur %1 est en ligne et prêt pour les flows (%2 avec le tag).</translation>
    </message>
    <message>
        <source>No runner is tagged gitlab--duo.</source>
        <translation>Aucun runner n&apos;a le tag gitlab--duo.</translation>
    </message>
    <message>
        <source>No runner tagged gitlab--duo is online and unpaused (%1 tagged).</source>
        <translation>Aucun runner avec le tag gitlab--duo n&apos;est en ligne et actif (%1 avec le tag).</translation>
    </message>
    <message>
        <source>The runners tagged gitlab--duo use the %1 executor, not Docker or Kubernetes.</source>
        <translation>Les runners avec le tag gitlab--duo utilisent l&apos;exécuteur %1, pas Docker ni Kubernetes.</translation>
    </message>
    <message>
        <source>GitLab refused to list its runners: it needs an administrator&apos;s token.</source>
        <translation>GitLab a refusé de lister ses runners : il faut un jeton d&apos;administrateur.</translation>
    </message>
    <message>
        <source>From GET /api/v4/runners/all?tag_list=gitlab--duo (GraphQL could not list them).</source>
        <translation>D&apos;après GET /api/v4/runners/all?tag_list=gitlab--duo (GraphQL n&apos;a pas pu les lister).</translation>
    </message>
    <message>
        <source>GitLab has no Agent Platform service address: flows cannot run, so their runner is not checked.</source>
        <translation>GitLab n&apos;a pas d&apos;adresse pour le service Agent Platform : les flows ne peuvent pas s&apos;exécuter, leur runner n&apos;est donc pas vérifié.</translation>
    </message>
    <message>
        <source>GitLab does not list its feature routing to this token or version; see Admin &gt; GitLab Duo &gt; Self-hosted models &gt; AI-native features.</source>
        <translation>GitLab ne montre pas l&apos;acheminement de ses fonctions à ce jeton ou dans cette version ; voir Admin &gt; GitLab Duo &gt; Self-hosted models &gt; AI-native features.</translation>
    </message>
    <message>
        <source>%1 have no model, while an Agent Platform service is configured.</source>
        <translation>%1 n&apos;ont pas de modèle, alors qu&apos;un service Agent Platform est configuré.</translation>
    </message>
    <message>
        <source>GitLab&apos;s own Agent Platform probe: %1</source>
        <translation>Sonde propre à GitLab du service Agent Platform : %1</translation>
    </message>
</context>
<context>
    <name>duo::HtmlReport</name>
    <message>
        <source>pass</source>
        <translation>réussi</translation>
    </message>
    <message>
        <source>fail</source>
        <translation>échec</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>avertissement</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>ignoré</translation>
    </message>
    <message>
        <source>needs you</source>
        <translation>attend votre action</translation>
    </message>
    <message>
        <source>from the desktop</source>
        <translation>depuis le poste</translation>
    </message>
    <message>
        <source>through GitLab</source>
        <translation>via GitLab</translation>
    </message>
    <message>
        <source>through the gateway</source>
        <translation>via la passerelle</translation>
    </message>
    <message>
        <source>manual step</source>
        <translation>étape manuelle</translation>
    </message>
    <message>
        <source>Duo Doctor report</source>
        <translation>Rapport Duo Doctor</translation>
    </message>
    <message>
        <source>GitLab Duo with self-hosted models · %1 · %2 ms</source>
        <translation>GitLab Duo avec modèles auto-hébergés · %1 · %2 ms</translation>
    </message>
    <message>
        <source>Healthy: no check failed</source>
        <translation>Sain : aucune vérification n'a échoué</translation>
    </message>
    <message>
        <source>%1 passed, %2 warnings, %3 skipped, %4 manual steps to confirm by hand.</source>
        <translation>%1 réussies, %2 avertissements, %3 ignorées, %4 étapes manuelles à confirmer à la main.</translation>
    </message>
    <message>
        <source>1 problem found</source>
        <translation>1 problème trouvé</translation>
    </message>
    <message>
        <source>%1 problems found</source>
        <translation>%1 problèmes trouvés</translation>
    </message>
    <message>
        <source>Most likely: %1. %2 checks failed, %3 passed.</source>
        <translation>Le plus probable : %1. %2 vérifications en échec, %3 réussies.</translation>
    </message>
    <message>
        <source>The run was cancelled: unfinished checks are marked skipped.</source>
        <translation>L'exécution a été annulée : les vérifications inachevées sont marquées ignorées.</translation>
    </message>
    <message>
        <source>What was checked</source>
        <translation>Ce qui a été vérifié</translation>
    </message>
    <message>
        <source>GitLab</source>
        <translation>GitLab</translation>
    </message>
    <message>
        <source>GitLab version</source>
        <translation>Version de GitLab</translation>
    </message>
    <message>
        <source>Expected gateway image</source>
        <translation>Image de passerelle attendue</translation>
    </message>
    <message>
        <source>AI gateway</source>
        <translation>Passerelle IA</translation>
    </message>
    <message>
        <source>Model name (family)</source>
        <translation>Nom du modèle (famille)</translation>
    </message>
    <message>
        <source>Model endpoint</source>
        <translation>Point de terminaison du modèle</translation>
    </message>
    <message>
        <source>Model identifier</source>
        <translation>Identifiant du modèle</translation>
    </message>
    <message>
        <source>Name in GitLab</source>
        <translation>Nom dans GitLab</translation>
    </message>
    <message>
        <source>Model server</source>
        <translation>Serveur de modèle</translation>
    </message>
    <message>
        <source>Secrets</source>
        <translation>Secrets</translation>
    </message>
    <message>
        <source>GitLab token %1, model key %2 — never shown in this report</source>
        <translation>Jeton GitLab %1, clé du modèle %2 — jamais affichés dans ce rapport</translation>
    </message>
    <message>
        <source>not given</source>
        <translation>non fourni</translation>
    </message>
    <message>
        <source>given</source>
        <translation>fourni</translation>
    </message>
    <message>
        <source>Pinned certificates</source>
        <translation>Certificats épinglés</translation>
    </message>
    <message>
        <source>Extra CA file</source>
        <translation>Fichier d'AC supplémentaire</translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation>Proxy</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <source>from the environment</source>
        <translation>depuis l'environnement</translation>
    </message>
    <message>
        <source>Root causes</source>
        <translation>Causes premières</translation>
    </message>
    <message>
        <source>None: no check failed.</source>
        <translation>Aucune : aucune vérification n'a échoué.</translation>
    </message>
    <message>
        <source>Fix:</source>
        <translation>Correction :</translation>
    </message>
    <message>
        <source>Explains:</source>
        <translation>Explique :</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Vérification</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Durée</translation>
    </message>
    <message>
        <source>Pasted output (redacted)</source>
        <translation>Sortie collée (caviardée)</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>Written by duo-doctor %1. Known secrets and anything shaped like a token are redacted.</source>
        <translation>Produit par duo-doctor %1. Les secrets connus et tout ce qui ressemble à un jeton sont caviardés.</translation>
    </message>
    <message>
        <source>Agent Platform service</source>
        <translation>Service Agent Platform</translation>
    </message>
    <message numerus="yes">
        <source>%n passed</source>
        <translation>
            <numerusform>%n réussie</numerusform>
            <numerusform>%n réussies</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n avertissement</numerusform>
            <numerusform>%n avertissements</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n skipped</source>
        <translation>
            <numerusform>%n ignorée</numerusform>
            <numerusform>%n ignorées</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n manual step(s) to confirm by hand</source>
        <translation>
            <numerusform>%n étape manuelle à confirmer</numerusform>
            <numerusform>%n étapes manuelles à confirmer</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>duo::HttpClient</name>
    <message>
        <source>no PEM certificate in %1</source>
        <translation>aucun certificat PEM dans %1</translation>
    </message>
    <message>
        <source>no complete answer within %1 s</source>
        <translation>pas de réponse complète en %1 s</translation>
    </message>
    <message>
        <source>the answer is larger than %1 bytes</source>
        <translation>la réponse dépasse %1 octets</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>annulé</translation>
    </message>
    <message>
        <source>cannot connect to the proxy %1: %2</source>
        <translation>impossible de joindre le proxy %1 : %2</translation>
    </message>
    <message>
        <source>the proxy %1 answered HTTP %2 %3</source>
        <translation>le proxy %1 a répondu HTTP %2 %3</translation>
    </message>
    <message>
        <source>redirected to another server (%1); not followed</source>
        <translation>redirigé vers un autre serveur (%1) ; non suivi</translation>
    </message>
    <message>
        <source>more than %1 redirects (a redirect loop?)</source>
        <translation>plus de %1 redirections (une boucle ?)</translation>
    </message>
    <message>
        <source>the proxy %1 answered HTTP %2</source>
        <translation>le proxy %1 a répondu HTTP %2</translation>
    </message>
</context>
<context>
    <name>duo::InputValidation</name>
    <message>
        <source>Remove the page path (%1): enter GitLab's base URL, e.g. https://gitlab.example.com.</source>
        <translation>Retirez le chemin de page (%1) : saisissez l'URL de base de GitLab, p. ex. https://gitlab.example.com.</translation>
    </message>
    <message>
        <source>Remove the path (%1): enter the gateway's base URL, e.g. http://aigw.example.com:5052.</source>
        <translation>Retirez le chemin (%1) : saisissez l'URL de base de la passerelle, p. ex. http://aigw.example.com:5052.</translation>
    </message>
    <message>
        <source>Remove %1 from the end: the endpoint is the API base, e.g. http://vllm.example.com:8000/v1.</source>
        <translation>Retirez %1 à la fin : le point de terminaison est la base de l'API, p. ex. http://vllm.example.com:8000/v1.</translation>
    </message>
    <message>
        <source>GitLab URL</source>
        <translation>URL de GitLab</translation>
    </message>
    <message>
        <source>AI gateway URL</source>
        <translation>URL de la passerelle IA</translation>
    </message>
    <message>
        <source>model endpoint</source>
        <translation>point de terminaison du modèle</translation>
    </message>
    <message>
        <source>Enter a URL.</source>
        <translation>Saisissez une URL.</translation>
    </message>
    <message>
        <source>Remove the spaces inside the URL.</source>
        <translation>Retirez les espaces de l'URL.</translation>
    </message>
    <message>
        <source>Start with http:// or https://.</source>
        <translation>Commencez par http:// ou https://.</translation>
    </message>
    <message>
        <source>This is not a valid URL: %1.</source>
        <translation>Ce n'est pas une URL valide : %1.</translation>
    </message>
    <message>
        <source>Use http:// or https://, not %1://.</source>
        <translation>Utilisez http:// ou https://, pas %1://.</translation>
    </message>
    <message>
        <source>Add the host name after %1://.</source>
        <translation>Ajoutez le nom d'hôte après %1://.</translation>
    </message>
    <message>
        <source>Remove the user name or password from the URL; credentials go in their own field.</source>
        <translation>Retirez l'utilisateur ou le mot de passe de l'URL ; les identifiants ont leur propre champ.</translation>
    </message>
    <message>
        <source>Remove the part after ? or #.</source>
        <translation>Retirez la partie après ? ou #.</translation>
    </message>
    <message>
        <source>Enter HOST:PORT, e.g. aigw.example.com:50052.</source>
        <translation>Saisissez HÔTE:PORT, par ex. aigw.example.com:50052.</translation>
    </message>
    <message>
        <source>Remove %1: the Agent Platform service address is HOST:PORT without a scheme, e.g. aigw.example.com:50052.</source>
        <translation>Supprimez %1 : l’adresse du service Agent Platform est HÔTE:PORT sans schéma, par ex. aigw.example.com:50052.</translation>
    </message>
    <message>
        <source>Expected HOST:PORT with a port between 1 and 65535, e.g. aigw.example.com:50052.</source>
        <translation>Attendu : HÔTE:PORT avec un port entre 1 et 65535, par ex. aigw.example.com:50052.</translation>
    </message>
    <message>
        <source>This is %1 characters long; a URL here has at most %2.</source>
        <translation>Cela fait %1 caractères ; une URL compte ici au plus %2.</translation>
    </message>
    <message>
        <source>The port after the host must be a number from 1 to 65535, not “%1”.</source>
        <translation>Le port après l’hôte doit être un nombre de 1 à 65535, pas « %1 ».</translation>
    </message>
</context>
<context>
    <name>duo::JUnitReport</name>
    <message>
        <source>Root cause: %1. Fix: %2</source>
        <translation>Cause première : %1. Correction : %2</translation>
    </message>
    <message>
        <source>Follows from the root cause %1 (%2): %3</source>
        <translation>Découle de la cause première %1 (%2) : %3</translation>
    </message>
    <message>
        <source>Fix: %1</source>
        <translation>Correction : %1</translation>
    </message>
    <message>
        <source>Manual step: %1</source>
        <translation>Étape manuelle : %1</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>Avertissement : %1</translation>
    </message>
</context>
<context>
    <name>duo::LogAnalyzer</name>
    <message>
        <source>No known failure found (%1 lines read).</source>
        <translation>Aucun échec connu trouvé (%1 lignes lues).</translation>
    </message>
    <message>
        <source>Only the beginning of the text was read.</source>
        <translation>Seul le début du texte a été lu.</translation>
    </message>
    <message>
        <source>Known failures found: %1 (%2 lines read)</source>
        <translation>Échecs connus trouvés : %1 (%2 lignes lues)</translation>
    </message>
    <message>
        <source>line %1 (%2): %3</source>
        <translation>ligne %1 (%2) : %3</translation>
    </message>
    <message>
        <source>Fix: %1</source>
        <translation>Correction : %1</translation>
    </message>
    <message>
        <source>line %1</source>
        <translation>ligne %1</translation>
    </message>
    <message>
        <source>(%1 more lines of this request not shown)</source>
        <translation>(%1 autres lignes de cette requête non affichées)</translation>
    </message>
    <message>
        <source>The newest %1 are listed.</source>
        <translation>Les %1 plus récents sont listés.</translation>
    </message>
    <message>
        <source>Requests with a failure: %1 (the newest %2, their lines from every file in time order; ? marks a time read as UTC)</source>
        <translation>Requêtes avec une erreur : %1 (les %2 plus récentes, leurs lignes de tous les fichiers dans l&apos;ordre chronologique ; ? marque une heure lue comme UTC)</translation>
    </message>
    <message>
        <source>request %1</source>
        <translation>requête %1</translation>
    </message>
    <message>
        <source>Cancelled: only part of the input was read.</source>
        <translation>Annulé : seule une partie de l&apos;entrée a été lue.</translation>
    </message>
    <message>
        <source>Log analysis</source>
        <translation>Analyse de journal</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Où</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Requête</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>Constat</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Requêtes</translation>
    </message>
    <message>
        <source>request</source>
        <translation>requête</translation>
    </message>
</context>
<context>
    <name>duo::ManualChecks</name>
    <message>
        <source>Rails console (sudo gitlab-rails console). Turn it on before you reproduce the problem; llm.log then records GitLab's requests to the gateway. Turn it off again afterwards: it logs prompts and answers.</source>
        <translation>Console Rails (sudo gitlab-rails console). Activez-le avant de reproduire le problème ; llm.log enregistre alors les requêtes de GitLab vers la passerelle. Désactivez-le ensuite : il journalise prompts et réponses.</translation>
    </message>
    <message>
        <source>Run the command in the Rails console as an administrator; it prints true when the flag is on.</source>
        <translation>Exécutez la commande dans la console Rails en administrateur ; elle affiche true quand le drapeau est actif.</translation>
    </message>
    <message>
        <source>On the GitLab server. Paste the whole output: each ✔, ⚠ and ✗ line becomes a result.</source>
        <translation>Sur le serveur GitLab. Collez toute la sortie : chaque ligne ✔, ⚠ et ✗ devient un résultat.</translation>
    </message>
    <message>
        <source>The first ✗ line names the broken step; the matching automatic check above has the fix.</source>
        <translation>La première ligne ✗ nomme l'étape en défaut ; la vérification automatique correspondante ci-dessus donne la correction.</translation>
    </message>
    <message>
        <source>In the AI gateway container (newer images: poetry run troubleshoot). Paste the whole output.</source>
        <translation>Dans le conteneur de la passerelle IA (images récentes : poetry run troubleshoot). Collez toute la sortie.</translation>
    </message>
    <message>
        <source>Set the variables the script names when recreating the container, and compare the model request with gateway.model_request.</source>
        <translation>Définissez les variables que le script nomme en recréant le conteneur, et comparez la requête au modèle avec gateway.model_request.</translation>
    </message>
    <message>
        <source>Rails console. Paste what it prints.</source>
        <translation>Console Rails. Collez ce qu'elle affiche.</translation>
    </message>
    <message>
        <source>Set GitLab's AI gateway URL to {gateway_url} (Admin &gt; GitLab Duo, or AI_GATEWAY_URL before 17.9), then reconfigure.</source>
        <translation>Réglez l'URL de passerelle IA de GitLab sur {gateway_url} (Admin &gt; GitLab Duo, ou AI_GATEWAY_URL avant 17.9), puis reconfigure.</translation>
    </message>
    <message>
        <source>Rails console. Paste what it prints (200 when GitLab reaches the gateway).</source>
        <translation>Console Rails. Collez ce qu'elle affiche (200 quand GitLab atteint la passerelle).</translation>
    </message>
    <message>
        <source>GitLab's host cannot reach {gateway_url}: check the firewall, DNS, proxy variables (no_proxy) and the outbound request allow-list.</source>
        <translation>L'hôte GitLab n'atteint pas {gateway_url} : vérifiez le pare-feu, le DNS, les variables de proxy (no_proxy) et la liste d'autorisation sortante.</translation>
    </message>
    <message>
        <source>Rails console; put the model's key where &lt;your-model-api-key&gt; stands. Paste what it prints (a "response"=&gt; hash when it works).</source>
        <translation>Console Rails ; mettez la clé du modèle à la place de &lt;your-model-api-key&gt;. Collez ce qu'elle affiche (un hash "response"=&gt; quand cela fonctionne).</translation>
    </message>
    <message>
        <source>See which automatic check fails on the same path: user access, the AI gateway URL, GitLab's probe of the gateway, or the gateway's request to the model.</source>
        <translation>Voyez quelle vérification automatique échoue sur le même chemin : accès de l'utilisateur, URL de passerelle IA, sonde de GitLab vers la passerelle ou requête de la passerelle au modèle.</translation>
    </message>
    <message>
        <source>Assign {gitlab_username} a GitLab Duo seat, check the license and that Code Suggestions use the self-hosted model.</source>
        <translation>Attribuez une place GitLab Duo à {gitlab_username}, vérifiez la licence et que Code Suggestions utilise le modèle auto-hébergé.</translation>
    </message>
    <message>
        <source>Shell in the AI gateway container. Both lines must be true.</source>
        <translation>Shell dans le conteneur de la passerelle IA. Les deux lignes doivent valoir true.</translation>
    </message>
    <message>
        <source>Recreate the gateway container with -e AIGW_AUTH__BYPASS_EXTERNAL=true -e AIGW_CUSTOM_MODELS__ENABLED=true.</source>
        <translation>Recréez le conteneur de la passerelle avec -e AIGW_AUTH__BYPASS_EXTERNAL=true -e AIGW_CUSTOM_MODELS__ENABLED=true.</translation>
    </message>
    <message>
        <source>Shell access to the AI gateway container. Paste the status code it prints.</source>
        <translation>Accès shell au conteneur de la passerelle IA. Collez le code d'état affiché.</translation>
    </message>
    <message>
        <source>The gateway is not installed correctly: read its log and reinstall it with the image matching GitLab.</source>
        <translation>La passerelle n'est pas correctement installée : lisez son journal et réinstallez-la avec l'image correspondant à GitLab.</translation>
    </message>
    <message>
        <source>Shell access to the AI gateway container; put the model's key where &lt;your-model-api-key&gt; stands. Paste the answer.</source>
        <translation>Accès shell au conteneur de la passerelle IA ; mettez la clé du modèle à la place de &lt;your-model-api-key&gt;. Collez la réponse.</translation>
    </message>
    <message>
        <source>Check the gateway's variables (manual.aigw_env), the model name and endpoint, and whether the model is reachable from the container (manual.model_from_gateway).</source>
        <translation>Vérifiez les variables de la passerelle (manual.aigw_env), le nom et le point de terminaison du modèle, et si le modèle est joignable depuis le conteneur (manual.model_from_gateway).</translation>
    </message>
    <message>
        <source>The container cannot reach {model_endpoint}: if the endpoint names localhost, run the gateway with --network host; otherwise ask your network administrator to open the way from the container to {model_host}:{model_port}.</source>
        <translation>Le conteneur n'atteint pas {model_endpoint} : si le point de terminaison désigne localhost, lancez la passerelle avec --network host ; sinon demandez à votre administrateur réseau d'ouvrir le chemin du conteneur vers {model_host}:{model_port}.</translation>
    </message>
    <message>
        <source>Where you start the gateway container. Paste the output of docker run when it fails.</source>
        <translation>Là où vous lancez le conteneur de la passerelle. Collez la sortie de docker run quand il échoue.</translation>
    </message>
    <message>
        <source>Add --platform linux/amd64 to the docker run command.</source>
        <translation>Ajoutez --platform linux/amd64 à la commande docker run.</translation>
    </message>
    <message>
        <source>No instructions for this step.</source>
        <translation>Aucune instruction pour cette étape.</translation>
    </message>
    <message>
        <source>Needs you: run the command where it says and paste its output.</source>
        <translation>Attend votre action : exécutez la commande à l'endroit indiqué et collez sa sortie.</translation>
    </message>
    <message>
        <source>The pasted container probe output could not be read: %1.</source>
        <translation>La sortie collée de la sonde de conteneur n'a pas pu être lue : %1.</translation>
    </message>
    <message>
        <source>The container has neither curl nor python3, so the probe could not ask anything: run the commands by hand.</source>
        <translation>Le conteneur n'a ni curl ni python3, la sonde n'a donc rien pu interroger : exécutez les commandes à la main.</translation>
    </message>
    <message>
        <source>The container probe does not answer this step: run the command by hand.</source>
        <translation>La sonde de conteneur ne répond pas à cette étape : exécutez la commande à la main.</translation>
    </message>
    <message>
        <source>The pasted output is longer than %1 MB: only its first %1 MB were judged.</source>
        <translation>La sortie collée dépasse %1 Mo : seuls ses %1 premiers Mo ont été évalués.</translation>
    </message>
    <message>
        <source>On the GitLab server, with the full path of a project where Agent Platform flows (Code Review, say) should run in place of &lt;group/project&gt;. Paste the whole output: each ✔, ⚠ and ✗ line becomes a result.</source>
        <translation>Sur le serveur GitLab, avec le chemin complet d&apos;un projet où les flux de l&apos;Agent Platform (Code Review, par exemple) doivent s&apos;exécuter à la place de &lt;group/project&gt;. Collez toute la sortie : chaque ligne ✔, ⚠ et ✗ devient un résultat.</translation>
    </message>
    <message>
        <source>The first ✗ line names the setting that stops the Agent Platform for this project: turn it on where the line says (license, Admin &gt; GitLab Duo, the group&apos;s or the project&apos;s GitLab Duo settings), then run the check again.</source>
        <translation>La première ligne ✗ nomme le réglage qui bloque l&apos;Agent Platform pour ce projet : activez-le là où la ligne l&apos;indique (licence, Admin &gt; GitLab Duo, réglages GitLab Duo du groupe ou du projet), puis relancez la vérification.</translation>
    </message>
    <message>
        <source>A proxy or load balancer in front of GitLab does not pass the WebSocket upgrade of /api/v4/ai/duo_workflows/ws: forward Upgrade and Connection (nginx: proxy_http_version 1.1; proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection &quot;upgrade&quot;;) and let GitLab reach its own external URL {gitlab_url}.</source>
        <translation>Un proxy ou un répartiteur de charge devant GitLab ne transmet pas la montée en WebSocket de /api/v4/ai/duo_workflows/ws : faites suivre Upgrade et Connection (nginx : proxy_http_version 1.1; proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection &quot;upgrade&quot;;) et laissez GitLab joindre sa propre URL externe {gitlab_url}.</translation>
    </message>
    <message>
        <source>GitLab refused the Agent Platform session: give {gitlab_username} a GitLab Duo seat, turn the Agent Platform on (Admin &gt; GitLab Duo), and check that no proxy strips cookies or the Authorization header.</source>
        <translation>GitLab a refusé la session Agent Platform : attribuez un siège GitLab Duo à {gitlab_username}, activez l&apos;Agent Platform (Admin &gt; GitLab Duo) et vérifiez qu&apos;aucun proxy ne retire les cookies ou l&apos;en-tête Authorization.</translation>
    </message>
    <message>
        <source>GitLab cannot reach the Agent Platform service: its address (Admin &gt; GitLab Duo) must be host:port without http://, &quot;Use TLS for Duo Agent Platform service&quot; must match the service&apos;s DUO_WORKFLOW_TLS__ENABLED, and port 50052 of the gateway host must be open to GitLab.</source>
        <translation>GitLab ne joint pas le service Agent Platform : son adresse (Admin &gt; GitLab Duo) doit être hôte:port sans http://, « Use TLS for Duo Agent Platform service » doit correspondre à DUO_WORKFLOW_TLS__ENABLED du service, et le port 50052 de l&apos;hôte de la passerelle doit être ouvert à GitLab.</translation>
    </message>
    <message>
        <source>No Agent Platform service address is set: if you use Agentic Chat or flows, enter the gateway host and port 50052 as host:port (no http://) under Admin &gt; GitLab Duo &gt; Change configuration; otherwise this warning does no harm.</source>
        <translation>Aucune adresse de service Agent Platform n&apos;est définie : si vous utilisez Agentic Chat ou des flux, saisissez l&apos;hôte de la passerelle et le port 50052 sous la forme hôte:port (sans http://) dans Admin &gt; GitLab Duo &gt; Change configuration ; sinon cet avertissement est sans conséquence.</translation>
    </message>
    <message>
        <source>No feature uses a self-hosted model yet: assign one to each feature under Admin &gt; GitLab Duo Self-Hosted &gt; Features (Agent Platform features need their own).</source>
        <translation>Aucune fonctionnalité n&apos;utilise encore de modèle auto-hébergé : attribuez-en un à chaque fonctionnalité dans Admin &gt; GitLab Duo Self-Hosted &gt; Features (les fonctionnalités de l&apos;Agent Platform ont besoin du leur).</translation>
    </message>
    <message>
        <source>This GitLab has no gitlab:duo:verify_setup task (it came with 19.0): on 18.8 to 18.11 run the downloaded verify_setup.rb with gitlab-rails runner (the commands above); older releases have no such check.</source>
        <translation>Ce GitLab n&apos;a pas de tâche gitlab:duo:verify_setup (elle est arrivée avec la 19.0) : en 18.8 à 18.11, exécutez le verify_setup.rb téléchargé avec gitlab-rails runner (les commandes ci-dessus) ; les versions plus anciennes n&apos;ont pas cette vérification.</translation>
    </message>
    <message>
        <source>Register a runner for the whole instance or the top-level group, tagged gitlab--duo, with the Docker or Kubernetes executor; project runners cannot run Agent Platform flows.</source>
        <translation>Enregistrez un runner pour toute l&apos;instance ou le groupe de premier niveau, avec l&apos;étiquette gitlab--duo et l&apos;exécuteur Docker ou Kubernetes ; les runners de projet ne peuvent pas exécuter les flux de l&apos;Agent Platform.</translation>
    </message>
    <message>
        <source>Use the project&apos;s full path as GitLab shows it (group/subgroup/project) between the brackets.</source>
        <translation>Mettez entre les crochets le chemin complet du projet tel que GitLab l&apos;affiche (groupe/sous-groupe/projet).</translation>
    </message>
</context>
<context>
    <name>duo::ManualJudge</name>
    <message>
        <source>The output reports a failure: %1</source>
        <translation>La sortie signale un échec : %1</translation>
    </message>
    <message>
        <source>The output reports a warning: %1</source>
        <translation>La sortie signale un avertissement : %1</translation>
    </message>
    <message numerus="yes">
        <source>%n step(s) passed.</source>
        <translation>
            <numerusform>%n étape réussie.</numerusform>
            <numerusform>%n étapes réussies.</numerusform>
        </translation>
    </message>
    <message>
        <source>No ✔, ⚠ or ✗ line recognised: is this the whole output?</source>
        <translation>Aucune ligne ✔, ⚠ ou ✗ reconnue : est-ce toute la sortie ?</translation>
    </message>
    <message>
        <source>Both variables are true.</source>
        <translation>Les deux variables valent true.</translation>
    </message>
    <message>
        <source>Expected two lines "true", got: %1</source>
        <translation>Deux lignes « true » attendues, reçu : %1</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>rien</translation>
    </message>
    <message>
        <source>The output shows it works.</source>
        <translation>La sortie montre que cela fonctionne.</translation>
    </message>
    <message>
        <source>The output shows a failure: “%1”</source>
        <translation>La sortie montre un échec : « %1 »</translation>
    </message>
    <message>
        <source>The output is not what this step expects; check it by hand.</source>
        <translation>La sortie n'est pas celle qu'attend cette étape ; vérifiez-la à la main.</translation>
    </message>
</context>
<context>
    <name>duo::MarkdownReport</name>
    <message>
        <source>no check failed</source>
        <translation>aucune vérification en échec</translation>
    </message>
    <message>
        <source>1 problem</source>
        <translation>1 problème</translation>
    </message>
    <message>
        <source>%1 problems</source>
        <translation>%1 problèmes</translation>
    </message>
    <message>
        <source>, most likely: %1</source>
        <translation>, le plus probable : %1</translation>
    </message>
    <message>
        <source>GitLab</source>
        <translation>GitLab</translation>
    </message>
    <message>
        <source>AI gateway</source>
        <translation>Passerelle IA</translation>
    </message>
    <message>
        <source>Expected gateway image tag</source>
        <translation>Étiquette d'image de passerelle attendue</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <source>Model server</source>
        <translation>Serveur de modèle</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>%1 passed, %2 failed, %3 warnings, %4 skipped, %5 manual</source>
        <translation>%1 réussies, %2 en échec, %3 avertissements, %4 ignorées, %5 manuelles</translation>
    </message>
    <message>
        <source>Fix:</source>
        <translation>Correction :</translation>
    </message>
    <message>
        <source>Commands</source>
        <translation>Commandes</translation>
    </message>
    <message>
        <source>Explains:</source>
        <translation>Explique :</translation>
    </message>
    <message>
        <source>All %1 checks</source>
        <translation>Les %1 vérifications</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Vérification</translation>
    </message>
    <message>
        <source>Pasted outputs (redacted)</source>
        <translation>Sorties collées (caviardées)</translation>
    </message>
    <message>
        <source>Agent Platform service</source>
        <translation>Service Agent Platform</translation>
    </message>
</context>
<context>
    <name>duo::ModelChecks</name>
    <message>
        <source>No model endpoint given: model checks are skipped.</source>
        <translation>Aucun point de terminaison de modèle : les vérifications du modèle sont ignorées.</translation>
    </message>
    <message>
        <source>GET %1 from this desktop: %2</source>
        <translation>GET %1 depuis ce poste : %2</translation>
    </message>
    <message>
        <source>The model server answered in %1 ms.</source>
        <translation>Le serveur de modèle a répondu en %1 ms.</translation>
    </message>
    <message>
        <source>The model server did not answer: %1</source>
        <translation>Le serveur de modèle n'a pas répondu : %1</translation>
    </message>
    <message>
        <source>%1 does not resolve here; it may be a name only the gateway's network knows.</source>
        <translation>%1 ne se résout pas ici ; c'est peut-être un nom que seul le réseau de la passerelle connaît.</translation>
    </message>
    <message>
        <source>Recognised by %1</source>
        <translation>Reconnu par %1</translation>
    </message>
    <message>
        <source>Could not tell which model server this is.</source>
        <translation>Impossible de dire quel serveur de modèle c'est.</translation>
    </message>
    <message>
        <source>The model server is %1.</source>
        <translation>Le serveur de modèle est %1.</translation>
    </message>
    <message>
        <source>GET %1: %2</source>
        <translation>GET %1 : %2</translation>
    </message>
    <message>
        <source>%1 answers, but not with an OpenAI model list.</source>
        <translation>%1 répond, mais pas avec une liste de modèles OpenAI.</translation>
    </message>
    <message>
        <source>%1 answers with the OpenAI model list.</source>
        <translation>%1 répond avec la liste de modèles OpenAI.</translation>
    </message>
    <message>
        <source>%1 exists (it asks for a key; model.auth judges the key).</source>
        <translation>%1 existe (il demande une clé ; model.auth juge la clé).</translation>
    </message>
    <message>
        <source>The endpoint lacks /v1: use %1.</source>
        <translation>Il manque /v1 au point de terminaison : utilisez %1.</translation>
    </message>
    <message>
        <source>No OpenAI-compatible model list at this endpoint (HTTP %1).</source>
        <translation>Aucune liste de modèles compatible OpenAI à ce point de terminaison (HTTP %1).</translation>
    </message>
    <message>
        <source>The model server accepts the key.</source>
        <translation>Le serveur de modèle accepte la clé.</translation>
    </message>
    <message>
        <source>The model server needs no key.</source>
        <translation>Le serveur de modèle n'exige pas de clé.</translation>
    </message>
    <message>
        <source>The model server rejected the key (HTTP %1).</source>
        <translation>Le serveur de modèle a refusé la clé (HTTP %1).</translation>
    </message>
    <message>
        <source>The model server needs a key and none was given (HTTP %1).</source>
        <translation>Le serveur de modèle exige une clé et aucune n'a été fournie (HTTP %1).</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>rien</translation>
    </message>
    <message>
        <source>The identifier lacks custom_openai/: use %1.</source>
        <translation>Il manque custom_openai/ à l'identifiant : utilisez %1.</translation>
    </message>
    <message>
        <source>%1 is not served; the server serves: %2.</source>
        <translation>%1 n'est pas servi ; le serveur sert : %2.</translation>
    </message>
    <message>
        <source>The server serves %1.</source>
        <translation>Le serveur sert %1.</translation>
    </message>
    <message>
        <source>POST /chat/completions with max_tokens 1: %1</source>
        <translation>POST /chat/completions avec max_tokens 1 : %1</translation>
    </message>
    <message>
        <source>The model generated a token in %1 ms.</source>
        <translation>Le modèle a généré un jeton en %1 ms.</translation>
    </message>
    <message>
        <source>HTTP %1: %2</source>
        <translation>HTTP %1 : %2</translation>
    </message>
    <message>
        <source>%1 is the gateway container itself: this desktop reaches the model, the gateway does not.</source>
        <translation>%1 est le conteneur de la passerelle lui-même : ce poste atteint le modèle, la passerelle non.</translation>
    </message>
    <message>
        <source>This desktop reaches %1, the gateway does not.</source>
        <translation>Ce poste atteint %1, la passerelle non.</translation>
    </message>
    <message>
        <source>The endpoint names the local host (%1): the gateway reaches it only when it runs on the host network.</source>
        <translation>Le point de terminaison désigne l'hôte local (%1) : la passerelle ne l'atteint que si elle tourne sur le réseau de l'hôte.</translation>
    </message>
    <message>
        <source>The endpoint names the local host and the gateway reaches it (it shares the host's network).</source>
        <translation>Le point de terminaison désigne l'hôte local et la passerelle l'atteint (elle partage le réseau de l'hôte).</translation>
    </message>
    <message>
        <source>Cannot compare: this desktop does not reach the model either (see model.reachable).</source>
        <translation>Comparaison impossible : ce poste n'atteint pas non plus le modèle (voir model.reachable).</translation>
    </message>
    <message>
        <source>The endpoint names a host (%1), not the gateway's own container.</source>
        <translation>Le point de terminaison désigne un hôte (%1), pas le conteneur de la passerelle.</translation>
    </message>
    <message>
        <source>The server does not list the model's context window (vLLM lists it as max_model_len); check the server's settings by hand.</source>
        <translation>Le serveur n'indique pas la fenêtre de contexte du modèle (vLLM l'indique sous max_model_len) ; vérifiez les réglages du serveur à la main.</translation>
    </message>
    <message>
        <source>%1 has a context window of %2 tokens.</source>
        <translation>%1 a une fenêtre de contexte de %2 jetons.</translation>
    </message>
    <message>
        <source>%1 has a context window of only %2 tokens.</source>
        <translation>%1 a une fenêtre de contexte de seulement %2 jetons.</translation>
    </message>
    <message>
        <source>POST /chat/completions with a code-generation prompt and max_tokens 256: %1</source>
        <translation>POST /chat/completions avec un prompt de génération de code et max_tokens 256 : %1</translation>
    </message>
    <message>
        <source>1 token in %1 ms; a code answer (up to 256 tokens) in %2 ms, %3% of the %4 s GitLab waits.</source>
        <translation>1 jeton en %1 ms ; une réponse de code (jusqu'à 256 jetons) en %2 ms, soit %3 % des %4 s qu'attend GitLab.</translation>
    </message>
    <message>
        <source>%1: no model endpoint given (--model-endpoint), model checks are skipped.</source>
        <translation>%1 : aucun point de terminaison de modèle indiqué (--model-endpoint), les vérifications du modèle sont ignorées.</translation>
    </message>
    <message>
        <source>The model server is Azure OpenAI.</source>
        <translation>Le serveur de modèle est Azure OpenAI.</translation>
    </message>
    <message>
        <source>Azure lists models, not deployments: model.completion calls the deployment %1.</source>
        <translation>Azure liste des modèles, pas des déploiements : model.completion appelle le déploiement %1.</translation>
    </message>
</context>
<context>
    <name>duo::Profile</name>
    <message>
        <source>written by a newer Duo Doctor (profile version %1; this one reads up to %2)</source>
        <translation>écrit par un Duo Doctor plus récent (version de profil %1 ; celui-ci lit jusqu'à %2)</translation>
    </message>
    <message>
        <source>not a Duo Doctor profile (no "schema": "%1" with a known "version")</source>
        <translation>pas un profil Duo Doctor (pas de "schema": "%1" avec une "version" connue)</translation>
    </message>
    <message>
        <source>the "id" or "name" field is missing</source>
        <translation>le champ "id" ou "name" manque</translation>
    </message>
</context>
<context>
    <name>duo::ProfileStore</name>
    <message>
        <source>the file is larger than %1 bytes</source>
        <translation>le fichier dépasse %1 octets</translation>
    </message>
    <message>
        <source>not valid JSON at byte %1: %2</source>
        <translation>JSON invalide à l'octet %1 : %2</translation>
    </message>
    <message>
        <source>the file holds no JSON object</source>
        <translation>le fichier ne contient pas d'objet JSON</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>impossible d'écrire %1 : %2</translation>
    </message>
    <message>
        <source>no profile named "%1"; there are no profiles in %2</source>
        <translation>aucun profil nommé « %1 » ; il n'y a aucun profil dans %2</translation>
    </message>
    <message>
        <source>no profile named "%1"; there are: %2</source>
        <translation>aucun profil nommé « %1 » ; il existe : %2</translation>
    </message>
    <message>
        <source>cannot create %1</source>
        <translation>impossible de créer %1</translation>
    </message>
    <message>
        <source>not included: enter the GitLab token and the model API key yourself</source>
        <translation>non inclus : saisissez vous-même le jeton GitLab et la clé d'API du modèle</translation>
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
        <translation>Passerelle IA %1</translation>
    </message>
    <message>
        <source>model %1 at %2</source>
        <translation>modèle %1 à %2</translation>
    </message>
    <message>
        <source>%1 passed, %2 failed, %3 warnings, %4 skipped, %5 manual</source>
        <translation>%1 réussies, %2 en échec, %3 avertissements, %4 ignorées, %5 manuelles</translation>
    </message>
    <message>
        <source>Duo Doctor</source>
        <translation>Duo Doctor</translation>
    </message>
    <message>
        <source>The run was cancelled; unfinished checks are marked skipped.</source>
        <translation>L'exécution a été annulée ; les vérifications inachevées sont marquées ignorées.</translation>
    </message>
    <message>
        <source>No check failed.</source>
        <translation>Aucune vérification n'a échoué.</translation>
    </message>
    <message>
        <source>Root causes (most likely first)</source>
        <translation>Causes premières (la plus probable d'abord)</translation>
    </message>
    <message>
        <source>Fix:</source>
        <translation>Correction :</translation>
    </message>
    <message>
        <source>Explains: %1</source>
        <translation>Explique : %1</translation>
    </message>
    <message>
        <source>Manual steps: run the commands shown by --format json or the report, then pass their output with --manual-output ID=FILE.</source>
        <translation>Étapes manuelles : exécutez les commandes données par --format json ou le rapport, puis passez leur sortie avec --manual-output ID=FICHIER.</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message numerus="yes">
        <source>%n passed</source>
        <translation>
            <numerusform>%n réussie</numerusform>
            <numerusform>%n réussies</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n en échec</numerusform>
            <numerusform>%n en échec</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n avertissement</numerusform>
            <numerusform>%n avertissements</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n skipped</source>
        <translation>
            <numerusform>%n ignorée</numerusform>
            <numerusform>%n ignorées</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n manual</source>
        <translation>
            <numerusform>%n manuelle</numerusform>
            <numerusform>%n manuelles</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>duo::RunJournal</name>
    <message>
        <source>cannot open %1: %2</source>
        <translation>impossible d'ouvrir %1 : %2</translation>
    </message>
    <message>
        <source>cannot write %1</source>
        <translation>impossible d'écrire %1</translation>
    </message>
</context>
<context>
    <name>duo::SecretStore</name>
    <message>
        <source>Nothing is stored in the keychain for this profile.</source>
        <translation>Rien n'est enregistré dans le trousseau pour ce profil.</translation>
    </message>
    <message>
        <source>No keychain service is running (Secret Service, e.g. GNOME Keyring or KWallet): %1</source>
        <translation>Aucun service de trousseau ne tourne (Secret Service, p. ex. GNOME Keyring ou KWallet) : %1</translation>
    </message>
    <message>
        <source>This system offers no keychain Duo Doctor can use: %1</source>
        <translation>Ce système n'offre aucun trousseau utilisable par Duo Doctor : %1</translation>
    </message>
    <message>
        <source>The keychain is locked or unavailable: %1</source>
        <translation>Le trousseau est verrouillé ou indisponible : %1</translation>
    </message>
    <message>
        <source>You declined access to the keychain.</source>
        <translation>Vous avez refusé l'accès au trousseau.</translation>
    </message>
    <message>
        <source>The keychain refused access: %1</source>
        <translation>Le trousseau a refusé l'accès : %1</translation>
    </message>
    <message>
        <source>The keychain could not delete the secret: %1</source>
        <translation>Le trousseau n'a pas pu supprimer le secret : %1</translation>
    </message>
    <message>
        <source>The keychain failed: %1</source>
        <translation>Le trousseau a échoué : %1</translation>
    </message>
    <message>
        <source>The keychain is locked or unavailable: simulated</source>
        <translation>Le trousseau est verrouillé ou indisponible : simulé</translation>
    </message>
</context>
<context>
    <name>duo::Signatures</name>
    <message>
        <source>The certificate of {server_host} is expired or not valid yet (valid {tls_validity}).</source>
        <translation>Le certificat de {server_host} a expiré ou n'est pas encore valide (validité {tls_validity}).</translation>
    </message>
    <message>
        <source>Renew the certificate on {server_host}. GitLab and the gateway reject it too; do not switch verification off.</source>
        <translation>Renouvelez le certificat sur {server_host}. GitLab et la passerelle le refusent aussi ; ne désactivez pas la vérification.</translation>
    </message>
    <message>
        <source>{server_host} presents a certificate made out to another name ({tls_subject}).</source>
        <translation>{server_host} présente un certificat établi pour un autre nom ({tls_subject}).</translation>
    </message>
    <message>
        <source>Use the host name the certificate names, or reissue it with {server_host} in its subjectAltName. A load balancer in front may be serving another site's certificate.</source>
        <translation>Utilisez le nom d'hôte qu'indique le certificat, ou faites-le réémettre avec {server_host} dans son subjectAltName. Un répartiteur de charge en amont sert peut-être le certificat d'un autre site.</translation>
    </message>
    <message>
        <source>{server_host} presents a self-signed certificate ({tls_subject}, SHA-256 {tls_fingerprint}).</source>
        <translation>{server_host} présente un certificat auto-signé ({tls_subject}, SHA-256 {tls_fingerprint}).</translation>
    </message>
    <message>
        <source>If it is the right certificate, trust it explicitly: --ca-file with it, or pin it with --trust-cert {server_host}={tls_fingerprint}. GitLab needs it in /etc/gitlab/trusted-certs/ (then sudo gitlab-ctl reconfigure); the gateway in SSL_CERT_FILE and REQUESTS_CA_BUNDLE. The gateway does not support a self-signed GitLab certificate: prefer a private CA.</source>
        <translation>Si c'est le bon certificat, faites-lui confiance explicitement : avec --ca-file, ou épinglé avec --trust-cert {server_host}={tls_fingerprint}. GitLab en a besoin dans /etc/gitlab/trusted-certs/ (puis sudo gitlab-ctl reconfigure), la passerelle dans SSL_CERT_FILE et REQUESTS_CA_BUNDLE. La passerelle ne prend pas en charge un certificat GitLab auto-signé : préférez une AC privée.</translation>
    </message>
    <message>
        <source>The certificate of {server_host} was signed by {tls_issuer}, not by the server's own CA: a TLS-inspecting proxy is likely between this desktop and the server.</source>
        <translation>Le certificat de {server_host} a été signé par {tls_issuer}, pas par l'AC du serveur : un proxy d'inspection TLS se trouve probablement entre ce poste et le serveur.</translation>
    </message>
    <message>
        <source>Ask your network team for the proxy's CA certificate and pass it with --ca-file. The gateway needs it in SSL_CERT_FILE and REQUESTS_CA_BUNDLE, GitLab in /etc/gitlab/trusted-certs/ (then sudo gitlab-ctl reconfigure) — or have {server_host} exempted from inspection.</source>
        <translation>Demandez à votre équipe réseau le certificat d'AC du proxy et passez-le avec --ca-file. La passerelle en a besoin dans SSL_CERT_FILE et REQUESTS_CA_BUNDLE, GitLab dans /etc/gitlab/trusted-certs/ (puis sudo gitlab-ctl reconfigure) — ou faites exclure {server_host} de l'inspection.</translation>
    </message>
    <message>
        <source>The certificate of {server_host} was issued by {tls_issuer}, which this desktop does not trust: a private CA, or a TLS-inspecting proxy.</source>
        <translation>Le certificat de {server_host} a été émis par {tls_issuer}, auquel ce poste ne fait pas confiance : une AC privée ou un proxy d'inspection TLS.</translation>
    </message>
    <message>
        <source>Pass the CA bundle with --ca-file (or add it to the system store). The gateway needs the same CA in SSL_CERT_FILE and REQUESTS_CA_BUNDLE, GitLab in /etc/gitlab/trusted-certs/ (then sudo gitlab-ctl reconfigure).</source>
        <translation>Passez le paquet d'AC avec --ca-file (ou ajoutez-le au magasin du système). La passerelle a besoin de la même AC dans SSL_CERT_FILE et REQUESTS_CA_BUNDLE, GitLab dans /etc/gitlab/trusted-certs/ (puis sudo gitlab-ctl reconfigure).</translation>
    </message>
    <message>
        <source>The TLS handshake with {server_host} failed before any certificate was checked: {message}. An old TLS version, no shared cipher, or plain HTTP on a TLS port.</source>
        <translation>La négociation TLS avec {server_host} a échoué avant toute vérification de certificat : {message}. Une version de TLS ancienne, aucun chiffrement commun, ou du HTTP simple sur un port TLS.</translation>
    </message>
    <message>
        <source>Check http:// versus https:// in the URL and that {server_host} offers TLS 1.2 or newer.</source>
        <translation>Vérifiez http:// ou https:// dans l'URL et que {server_host} propose TLS 1.2 ou plus récent.</translation>
    </message>
    <message>
        <source>The proxy {proxy} wants credentials before it forwards anything to {server_host}.</source>
        <translation>Le proxy {proxy} exige des identifiants avant de transmettre quoi que ce soit à {server_host}.</translation>
    </message>
    <message>
        <source>Put the proxy's user and password in the proxy URL (http://user:password@proxy:3128, via https_proxy/http_proxy or --proxy), or have {server_host} added to no_proxy if it is reachable directly.</source>
        <translation>Mettez l'utilisateur et le mot de passe du proxy dans son URL (http://utilisateur:motdepasse@proxy:3128, via https_proxy/http_proxy ou --proxy), ou faites ajouter {server_host} à no_proxy s'il est joignable directement.</translation>
    </message>
    <message>
        <source>The proxy {proxy} refuses to connect to {server_host}: its access rules forbid it. {server_host} itself was never asked.</source>
        <translation>Le proxy {proxy} refuse de se connecter à {server_host} : ses règles d'accès l'interdisent. {server_host} lui-même n'a jamais été interrogé.</translation>
    </message>
    <message>
        <source>Ask the proxy's administrator to allow {server_host}, or add it to no_proxy when it is reachable directly. The GitLab host has its own proxy variables: set no_proxy in gitlab_rails['env'] in /etc/gitlab/gitlab.rb, then sudo gitlab-ctl reconfigure.</source>
        <translation>Demandez à l'administrateur du proxy d'autoriser {server_host}, ou ajoutez-le à no_proxy s'il est joignable directement. L'hôte GitLab a ses propres variables de proxy : définissez no_proxy dans gitlab_rails['env'] de /etc/gitlab/gitlab.rb, puis sudo gitlab-ctl reconfigure.</translation>
    </message>
    <message>
        <source>The proxy {proxy} answered for {server_host}: it cannot reach it ({message}). The server may be fine and only unreachable from the proxy.</source>
        <translation>Le proxy {proxy} a répondu pour {server_host} : il ne peut pas le joindre ({message}). Le serveur va peut-être bien et n'est injoignable que depuis le proxy.</translation>
    </message>
    <message>
        <source>An internal host belongs in no_proxy, so requests go to it directly (here: no_proxy or --proxy none; on the GitLab host: gitlab_rails['env'] no_proxy).</source>
        <translation>Un hôte interne a sa place dans no_proxy, pour que les requêtes l'atteignent directement (ici : no_proxy ou --proxy none ; sur l'hôte GitLab : gitlab_rails['env'] no_proxy).</translation>
    </message>
    <message>
        <source>The proxy {proxy} cannot be used: {message}.</source>
        <translation>Le proxy {proxy} est inutilisable : {message}.</translation>
    </message>
    <message>
        <source>Check the proxy address in https_proxy / http_proxy (or --proxy), or go direct for {server_host} with no_proxy or --proxy none.</source>
        <translation>Vérifiez l'adresse du proxy dans https_proxy / http_proxy (ou --proxy), ou allez en direct vers {server_host} avec no_proxy ou --proxy none.</translation>
    </message>
    <message>
        <source>{server_host} closed the connection without a complete answer: a server that crashes on the request, a load balancer without a healthy backend, or a plain-HTTP client on a TLS port.</source>
        <translation>{server_host} a fermé la connexion sans réponse complète : un serveur qui plante sur la requête, un répartiteur de charge sans serveur sain, ou un client HTTP simple sur un port TLS.</translation>
    </message>
    <message>
        <source>Look at the server's log for the time of this check and at any load balancer in front of {server_host}.</source>
        <translation>Consultez le journal du serveur à l'heure de cette vérification et tout répartiteur de charge devant {server_host}.</translation>
    </message>
    <message>
        <source>{server_host} sent more than {max_bytes} bytes where a small API answer was expected: the URL probably points at something else.</source>
        <translation>{server_host} a envoyé plus de {max_bytes} octets là où une petite réponse d'API était attendue : l'URL désigne sans doute autre chose.</translation>
    </message>
    <message>
        <source>Check the URL; raise --max-response-bytes only if this really is the API.</source>
        <translation>Vérifiez l'URL ; augmentez --max-response-bytes seulement si c'est vraiment l'API.</translation>
    </message>
    <message>
        <source>An HTML login page answered instead of the API of {server_host}: a single-sign-on proxy or a web login sits in front of it.</source>
        <translation>Une page de connexion HTML a répondu à la place de l'API de {server_host} : un proxy d'authentification unique ou une connexion web se trouve devant.</translation>
    </message>
    <message>
        <source>Use the address that reaches the API directly, or have the proxy let API paths (/api/, /v1/, /monitoring/) through; tokens and keys cannot log in to a web form.</source>
        <translation>Utilisez l'adresse qui atteint directement l'API, ou faites laisser passer les chemins d'API (/api/, /v1/, /monitoring/) par le proxy ; jetons et clés ne peuvent pas se connecter à un formulaire web.</translation>
    </message>
    <message>
        <source>{server_host} answered with something that is not the expected JSON ({message}).</source>
        <translation>{server_host} a répondu avec autre chose que le JSON attendu ({message}).</translation>
    </message>
    <message>
        <source>Check that the URL points at the right service and port; a proxy or an error page may be answering.</source>
        <translation>Vérifiez que l'URL désigne le bon service et le bon port ; un proxy ou une page d'erreur répond peut-être.</translation>
    </message>
    <message>
        <source>The name {gitlab_host} does not resolve from this desktop.</source>
        <translation>Le nom {gitlab_host} ne se résout pas depuis ce poste.</translation>
    </message>
    <message>
        <source>Check the GitLab URL ({gitlab_url}) for a typo. If the name is only known inside your network, connect to that network (VPN) or use the address GitLab is reachable at.</source>
        <translation>Vérifiez l'URL de GitLab ({gitlab_url}) pour une faute de frappe. Si le nom n'est connu que dans votre réseau, connectez-vous à ce réseau (VPN) ou utilisez l'adresse où GitLab est joignable.</translation>
    </message>
    <message>
        <source>Nothing accepts connections at {gitlab_host}:{gitlab_port}.</source>
        <translation>Rien n'accepte de connexion à {gitlab_host}:{gitlab_port}.</translation>
    </message>
    <message>
        <source>Check that GitLab is running (sudo gitlab-ctl status) and that the port in {gitlab_url} is the one GitLab listens on.</source>
        <translation>Vérifiez que GitLab tourne (sudo gitlab-ctl status) et que le port de {gitlab_url} est celui où GitLab écoute.</translation>
    </message>
    <message>
        <source>GitLab did not answer within {timeout} s: a firewall drops the traffic, or GitLab is overloaded.</source>
        <translation>GitLab n'a pas répondu en {timeout} s : un pare-feu rejette le trafic, ou GitLab est surchargé.</translation>
    </message>
    <message>
        <source>Check the firewall between this desktop and {gitlab_host}, then GitLab's health on the server (sudo gitlab-ctl status).</source>
        <translation>Vérifiez le pare-feu entre ce poste et {gitlab_host}, puis l'état de GitLab sur le serveur (sudo gitlab-ctl status).</translation>
    </message>
    <message>
        <source>GitLab redirected the API request ({message}); the URL is not GitLab's external URL.</source>
        <translation>GitLab a redirigé la requête d'API ({message}) ; l'URL n'est pas l'URL externe de GitLab.</translation>
    </message>
    <message>
        <source>Use GitLab's external_url exactly as set in /etc/gitlab/gitlab.rb, including the scheme and any relative path.</source>
        <translation>Utilisez l'external_url de GitLab exactement comme dans /etc/gitlab/gitlab.rb, avec le schéma et un éventuel chemin relatif.</translation>
    </message>
    <message>
        <source>GitLab rejected the personal access token: it is revoked, expired or mistyped.</source>
        <translation>GitLab a refusé le jeton d'accès personnel : il est révoqué, expiré ou mal saisi.</translation>
    </message>
    <message>
        <source>Create a new personal access token with the read_api scope (api to run GitLab's own connection check) at {gitlab_url}/-/user_settings/personal_access_tokens and pass it in the environment variable named by --gitlab-token-env.</source>
        <translation>Créez un nouveau jeton d'accès personnel avec la portée read_api (api pour la vérification de connexion de GitLab) sur {gitlab_url}/-/user_settings/personal_access_tokens et passez-le dans la variable d'environnement nommée par --gitlab-token-env.</translation>
    </message>
    <message>
        <source>GitLab {gitlab_version} is the Community Edition; self-hosted models need the Enterprise Edition.</source>
        <translation>GitLab {gitlab_version} est l'édition Community ; les modèles auto-hébergés exigent l'édition Enterprise.</translation>
    </message>
    <message>
        <source>Install the gitlab-ee package of the same version (an in-place upgrade from CE to EE), add a license with GitLab Duo, then run the gateway image {aigw_image}.</source>
        <translation>Installez le paquet gitlab-ee de la même version (mise à niveau sur place de CE vers EE), ajoutez une licence avec GitLab Duo, puis lancez l'image de passerelle {aigw_image}.</translation>
    </message>
    <message>
        <source>GitLab {gitlab_version} predates GitLab Duo Self-Hosted (GitLab 17.x or later).</source>
        <translation>GitLab {gitlab_version} précède GitLab Duo Self-Hosted (GitLab 17.x ou plus récent).</translation>
    </message>
    <message>
        <source>Upgrade GitLab to a current 17.x or 18.x release, then run the gateway image whose tag matches it: self-hosted-v&lt;version&gt;-ee.</source>
        <translation>Mettez GitLab à jour vers une version 17.x ou 18.x actuelle, puis lancez l'image de passerelle à l'étiquette correspondante : self-hosted-v&lt;version&gt;-ee.</translation>
    </message>
    <message>
        <source>GitLab's license expired on {license_expires_at}; GitLab Duo stops working with it.</source>
        <translation>La licence de GitLab a expiré le {license_expires_at} ; GitLab Duo cesse de fonctionner avec elle.</translation>
    </message>
    <message>
        <source>Add a renewed license (Admin &gt; Subscription, or Admin &gt; Settings &gt; General &gt; Add License), then sync the subscription so GitLab Duo seats return.</source>
        <translation>Ajoutez une licence renouvelée (Admin &gt; Subscription, ou Admin &gt; Settings &gt; General &gt; Add License), puis synchronisez l'abonnement pour que les places GitLab Duo reviennent.</translation>
    </message>
    <message>
        <source>GitLab has no license: GitLab Duo needs Premium or Ultimate with GitLab Duo Enterprise.</source>
        <translation>GitLab n'a pas de licence : GitLab Duo exige Premium ou Ultimate avec GitLab Duo Enterprise.</translation>
    </message>
    <message>
        <source>Add a license: Admin &gt; Subscription (or Admin &gt; Settings &gt; General &gt; Add License).</source>
        <translation>Ajoutez une licence : Admin &gt; Subscription (ou Admin &gt; Settings &gt; General &gt; Add License).</translation>
    </message>
    <message>
        <source>Code Suggestions and code generation are not set to a self-hosted model ({message}).</source>
        <translation>Code Suggestions et la génération de code ne sont pas réglés sur un modèle auto-hébergé ({message}).</translation>
    </message>
    <message>
        <source>In GitLab: Admin &gt; GitLab Duo &gt; Self-hosted models &gt; AI-native features (older versions: Admin &gt; Settings &gt; General &gt; AI-powered features), set Code Suggestions and Code generation to Self-hosted model and choose {deployment_name}.</source>
        <translation>Dans GitLab : Admin &gt; GitLab Duo &gt; Self-hosted models &gt; AI-native features (anciennes versions : Admin &gt; Settings &gt; General &gt; AI-powered features), réglez Code Suggestions et Code generation sur Self-hosted model et choisissez {deployment_name}.</translation>
    </message>
    <message>
        <source>GitLab says {gitlab_username} may not use Code Suggestions: no GitLab Duo seat, a license without GitLab Duo, or the features not set to a self-hosted model.</source>
        <translation>GitLab indique que {gitlab_username} ne peut pas utiliser Code Suggestions : pas de place GitLab Duo, une licence sans GitLab Duo, ou des fonctionnalités non réglées sur un modèle auto-hébergé.</translation>
    </message>
    <message>
        <source>Assign {gitlab_username} a GitLab Duo seat (Admin &gt; GitLab Duo &gt; Seat utilization). If the seat is there, the license and feature checks name the missing piece.</source>
        <translation>Attribuez une place GitLab Duo à {gitlab_username} (Admin &gt; GitLab Duo &gt; Seat utilization). Si la place existe, les vérifications de licence et de fonctionnalités nomment l'élément manquant.</translation>
    </message>
    <message>
        <source>GitLab has no AI gateway URL: Duo features fail with error A1001.</source>
        <translation>GitLab n'a pas d'URL de passerelle IA : les fonctionnalités Duo échouent avec l'erreur A1001.</translation>
    </message>
    <message>
        <source>Set it to {gateway_url}: Admin &gt; GitLab Duo &gt; Change configuration &gt; Local AI Gateway URL (before 17.9: the AI_GATEWAY_URL environment variable in /etc/gitlab/gitlab.rb, then sudo gitlab-ctl reconfigure).</source>
        <translation>Réglez-la sur {gateway_url} : Admin &gt; GitLab Duo &gt; Change configuration &gt; Local AI Gateway URL (avant 17.9 : la variable d'environnement AI_GATEWAY_URL dans /etc/gitlab/gitlab.rb, puis sudo gitlab-ctl reconfigure).</translation>
    </message>
    <message>
        <source>GitLab sends its AI gateway traffic to {gitlab_gateway_url}, not to the gateway you entered ({gateway_url}).</source>
        <translation>GitLab envoie son trafic de passerelle IA vers {gitlab_gateway_url}, pas vers la passerelle saisie ({gateway_url}).</translation>
    </message>
    <message>
        <source>Set GitLab's AI gateway URL to {gateway_url}: Admin &gt; GitLab Duo &gt; Change configuration &gt; Local AI Gateway URL (before 17.9: AI_GATEWAY_URL in /etc/gitlab/gitlab.rb, then sudo gitlab-ctl reconfigure).</source>
        <translation>Réglez l'URL de passerelle IA de GitLab sur {gateway_url} : Admin &gt; GitLab Duo &gt; Change configuration &gt; Local AI Gateway URL (avant 17.9 : AI_GATEWAY_URL dans /etc/gitlab/gitlab.rb, puis sudo gitlab-ctl reconfigure).</translation>
    </message>
    <message>
        <source>GitLab's outbound request rules block the gateway's private address ({gateway_host}): "{message}".</source>
        <translation>Les règles de requêtes sortantes de GitLab bloquent l'adresse privée de la passerelle ({gateway_host}) : « {message} ».</translation>
    </message>
    <message>
        <source>Admin &gt; Settings &gt; Network &gt; Outbound requests: add {gateway_host} to "Local IP addresses and domain names that hooks and integrations can access", or allow requests to the local network.</source>
        <translation>Admin &gt; Settings &gt; Network &gt; Outbound requests : ajoutez {gateway_host} à « Local IP addresses and domain names that hooks and integrations can access », ou autorisez les requêtes vers le réseau local.</translation>
    </message>
    <message>
        <source>GitLab's request to the gateway went through a proxy that cannot reach it: "{message}".</source>
        <translation>La requête de GitLab vers la passerelle est passée par un proxy qui ne peut pas l'atteindre : « {message} ».</translation>
    </message>
    <message>
        <source>On the GitLab host, add {gateway_host} to no_proxy (gitlab_rails['env'] in /etc/gitlab/gitlab.rb), then sudo gitlab-ctl reconfigure.</source>
        <translation>Sur l'hôte GitLab, ajoutez {gateway_host} à no_proxy (gitlab_rails['env'] dans /etc/gitlab/gitlab.rb), puis sudo gitlab-ctl reconfigure.</translation>
    </message>
    <message>
        <source>GitLab cannot reach the gateway at {gitlab_gateway_url}: "{message}".</source>
        <translation>GitLab n'atteint pas la passerelle à {gitlab_gateway_url} : « {message} ».</translation>
    </message>
    <message>
        <source>From the GitLab host, check that {gitlab_gateway_url} resolves and that the firewall lets GitLab reach it; the console command shows what GitLab sees.</source>
        <translation>Depuis l'hôte GitLab, vérifiez que {gitlab_gateway_url} se résout et que le pare-feu laisse passer GitLab ; la commande de console montre ce que voit GitLab.</translation>
    </message>
    <message>
        <source>The gateway refuses GitLab's own requests: "{message}". It cannot validate GitLab's token or its instance headers (stale license data, a wrong AIGW_GITLAB_URL, or a stale key cache).</source>
        <translation>La passerelle refuse les requêtes de GitLab : « {message} ». Elle ne peut pas valider le jeton de GitLab ou ses en-têtes d'instance (données de licence périmées, AIGW_GITLAB_URL erronée, ou cache de clés périmé).</translation>
    </message>
    <message>
        <source>Sync the subscription (Admin &gt; Subscription &gt; Sync), make sure the gateway runs with AIGW_GITLAB_URL={gitlab_url} and AIGW_GITLAB_API_URL={gitlab_api_url} and can reach them, then restart the gateway.</source>
        <translation>Synchronisez l'abonnement (Admin &gt; Subscription &gt; Sync), assurez-vous que la passerelle tourne avec AIGW_GITLAB_URL={gitlab_url} et AIGW_GITLAB_API_URL={gitlab_api_url} et peut les joindre, puis redémarrez la passerelle.</translation>
    </message>
    <message>
        <source>GitLab refuses Code Suggestions to {gitlab_username}.</source>
        <translation>GitLab refuse Code Suggestions à {gitlab_username}.</translation>
    </message>
    <message>
        <source>Assign {gitlab_username} a GitLab Duo seat (Admin &gt; GitLab Duo &gt; Seat utilization) and check the license and feature settings.</source>
        <translation>Attribuez une place GitLab Duo à {gitlab_username} (Admin &gt; GitLab Duo &gt; Seat utilization) et vérifiez la licence et les réglages de fonctionnalités.</translation>
    </message>
    <message>
        <source>The name {gateway_host} does not resolve from this desktop.</source>
        <translation>Le nom {gateway_host} ne se résout pas depuis ce poste.</translation>
    </message>
    <message>
        <source>Check the gateway URL ({gateway_url}) for a typo, or use the address GitLab uses for it.</source>
        <translation>Vérifiez l'URL de la passerelle ({gateway_url}) pour une faute de frappe, ou utilisez l'adresse qu'emploie GitLab.</translation>
    </message>
    <message>
        <source>Nothing accepts connections at {gateway_host}:{gateway_port}: the gateway is not running, or listens on another port (the self-hosted image uses 5052).</source>
        <translation>Rien n'accepte de connexion à {gateway_host}:{gateway_port} : la passerelle ne tourne pas, ou écoute sur un autre port (l'image auto-hébergée utilise 5052).</translation>
    </message>
    <message>
        <source>Start the gateway container (docker ps -a, then docker start &lt;ai-gateway-container&gt;) and check the port in {gateway_url}.</source>
        <translation>Démarrez le conteneur de la passerelle (docker ps -a, puis docker start &lt;ai-gateway-container&gt;) et vérifiez le port de {gateway_url}.</translation>
    </message>
    <message>
        <source>No answer from {gateway_host}:{gateway_port} within {timeout} s: a firewall drops the traffic, or the gateway hangs.</source>
        <translation>Pas de réponse de {gateway_host}:{gateway_port} en {timeout} s : un pare-feu rejette le trafic, ou la passerelle est bloquée.</translation>
    </message>
    <message>
        <source>Check the firewall between this desktop and {gateway_host} and the gateway's log; confirm that {gateway_url} is the gateway's address.</source>
        <translation>Vérifiez le pare-feu entre ce poste et {gateway_host} et le journal de la passerelle ; confirmez que {gateway_url} est bien l'adresse de la passerelle.</translation>
    </message>
    <message>
        <source>The gateway answers but /monitoring/healthz says it cannot process requests (HTTP {http_status}).</source>
        <translation>La passerelle répond, mais /monitoring/healthz indique qu'elle ne peut pas traiter de requêtes (HTTP {http_status}).</translation>
    </message>
    <message>
        <source>Read the gateway's log for the failing component, then reinstall it following "Install the GitLab AI gateway" with the image {aigw_image}.</source>
        <translation>Cherchez dans le journal de la passerelle le composant en défaut, puis réinstallez-la selon « Install the GitLab AI gateway » avec l'image {aigw_image}.</translation>
    </message>
    <message>
        <source>The gateway demands a GitLab token on every request: AIGW_AUTH__BYPASS_EXTERNAL is not true.</source>
        <translation>La passerelle exige un jeton GitLab à chaque requête : AIGW_AUTH__BYPASS_EXTERNAL ne vaut pas true.</translation>
    </message>
    <message>
        <source>Recreate the gateway container with -e AIGW_AUTH__BYPASS_EXTERNAL=true, as self-hosted models require.</source>
        <translation>Recréez le conteneur de la passerelle avec -e AIGW_AUTH__BYPASS_EXTERNAL=true, comme l'exigent les modèles auto-hébergés.</translation>
    </message>
    <message>
        <source>The gateway refuses self-hosted models: AIGW_CUSTOM_MODELS__ENABLED is not true.</source>
        <translation>La passerelle refuse les modèles auto-hébergés : AIGW_CUSTOM_MODELS__ENABLED ne vaut pas true.</translation>
    </message>
    <message>
        <source>Recreate the gateway container with -e AIGW_CUSTOM_MODELS__ENABLED=true.</source>
        <translation>Recréez le conteneur de la passerelle avec -e AIGW_CUSTOM_MODELS__ENABLED=true.</translation>
    </message>
    <message>
        <source>The gateway cannot tell which protocol to speak: the identifier {model_identifier} has no provider prefix.</source>
        <translation>La passerelle ne sait pas quel protocole parler : l'identifiant {model_identifier} n'a pas de préfixe de fournisseur.</translation>
    </message>
    <message>
        <source>Set the identifier to custom_openai/{served_model_id} for an OpenAI-compatible server (bedrock/… for Bedrock, azure/… for Azure).</source>
        <translation>Réglez l'identifiant sur custom_openai/{served_model_id} pour un serveur compatible OpenAI (bedrock/… pour Bedrock, azure/… pour Azure).</translation>
    </message>
    <message>
        <source>The gateway could not open a connection to the model at {model_endpoint}: "{message}".</source>
        <translation>La passerelle n'a pas pu ouvrir de connexion au modèle à {model_endpoint} : « {message} ».</translation>
    </message>
    <message>
        <source>Run the request from inside the gateway container (below). If it fails there, fix the network between the gateway and {model_host}.</source>
        <translation>Exécutez la requête depuis le conteneur de la passerelle (ci-dessous). Si elle y échoue, corrigez le réseau entre la passerelle et {model_host}.</translation>
    </message>
    <message>
        <source>The model server does not know the model the gateway asked for: "{message}".</source>
        <translation>Le serveur de modèle ne connaît pas le modèle demandé par la passerelle : « {message} ».</translation>
    </message>
    <message>
        <source>The part of the identifier after custom_openai/ must equal an id from {models_url}; check the endpoint ends in /v1.</source>
        <translation>La partie de l'identifiant après custom_openai/ doit égaler un id de {models_url} ; vérifiez que le point de terminaison se termine par /v1.</translation>
    </message>
    <message>
        <source>The model server rejected the API key the gateway sent: "{message}".</source>
        <translation>Le serveur de modèle a refusé la clé d'API envoyée par la passerelle : « {message} ».</translation>
    </message>
    <message>
        <source>Use the key the model server expects, here and in GitLab's self-hosted model {deployment_name}.</source>
        <translation>Utilisez la clé qu'attend le serveur de modèle, ici et dans le modèle auto-hébergé {deployment_name} de GitLab.</translation>
    </message>
    <message>
        <source>The gateway rejected the request as malformed (HTTP 422): "{message}". Usually the model name {model_name} is not a family this gateway version knows.</source>
        <translation>La passerelle a refusé la requête comme mal formée (HTTP 422) : « {message} ». Le plus souvent, le nom de modèle {model_name} n'est pas une famille que cette version de passerelle connaît.</translation>
    </message>
    <message>
        <source>Use a model name GitLab lists for self-hosted models (mistral, codestral, llama3, codegemma, general…) and a gateway image matching GitLab: {aigw_image}.</source>
        <translation>Utilisez un nom de modèle que GitLab propose pour les modèles auto-hébergés (mistral, codestral, llama3, codegemma, general…) et une image de passerelle correspondant à GitLab : {aigw_image}.</translation>
    </message>
    <message>
        <source>No answer within {inference_timeout} s: the model generates too slowly, or the gateway waits on a model it cannot reach.</source>
        <translation>Pas de réponse en {inference_timeout} s : le modèle génère trop lentement, ou la passerelle attend un modèle qu'elle ne peut pas joindre.</translation>
    </message>
    <message>
        <source>See model.completion: raise GitLab's AI gateway request timeout (Admin &gt; GitLab Duo, 60–600 s, GitLab 18.7 and later) or use a faster model.</source>
        <translation>Voir model.completion : augmentez le délai de requête de passerelle IA de GitLab (Admin &gt; GitLab Duo, 60–600 s, GitLab 18.7 et plus) ou utilisez un modèle plus rapide.</translation>
    </message>
    <message>
        <source>The endpoint {model_endpoint} names the local host. Inside the gateway's container that is the container itself, not the machine the model server runs on: this desktop reaches the model, the gateway does not.</source>
        <translation>Le point de terminaison {model_endpoint} désigne l'hôte local. Dans le conteneur de la passerelle, c'est le conteneur lui-même, pas la machine où tourne le serveur de modèle : ce poste atteint le modèle, la passerelle non.</translation>
    </message>
    <message>
        <source>Run the gateway container with --network host and -e AIGW_FASTAPI__METRICS_PORT=8083 (the metrics port would clash on the host network), or give the endpoint an address of the model host that the container can reach, here and in GitLab.</source>
        <translation>Lancez le conteneur de la passerelle avec --network host et -e AIGW_FASTAPI__METRICS_PORT=8083 (sinon le port des métriques entre en conflit sur le réseau de l'hôte), ou donnez au point de terminaison une adresse de l'hôte du modèle que le conteneur peut joindre, ici et dans GitLab.</translation>
    </message>
    <message>
        <source>This desktop reaches {model_host}, the gateway does not: a firewall, a DNS name the container cannot resolve, or a network the container is not attached to.</source>
        <translation>Ce poste atteint {model_host}, la passerelle non : un pare-feu, un nom DNS que le conteneur ne peut pas résoudre, ou un réseau auquel le conteneur n'est pas relié.</translation>
    </message>
    <message>
        <source>Run the request from inside the gateway container (below). Then open the firewall from the gateway's host to {model_host}:{model_port}, or give the container the DNS or network it needs (docker run --network / --add-host).</source>
        <translation>Exécutez la requête depuis le conteneur de la passerelle (ci-dessous). Ouvrez ensuite le pare-feu de l'hôte de la passerelle vers {model_host}:{model_port}, ou donnez au conteneur le DNS ou le réseau dont il a besoin (docker run --network / --add-host).</translation>
    </message>
    <message>
        <source>{model_host} has no domain and does not resolve here: probably a name only the container network knows (a Docker service name). It cannot be checked from this desktop.</source>
        <translation>{model_host} n'a pas de domaine et ne se résout pas ici : sans doute un nom que seul le réseau des conteneurs connaît (un nom de service Docker). Impossible de le vérifier depuis ce poste.</translation>
    </message>
    <message>
        <source>Check it from inside the gateway container instead (below).</source>
        <translation>Vérifiez-le plutôt depuis le conteneur de la passerelle (ci-dessous).</translation>
    </message>
    <message>
        <source>The name {model_host} does not resolve from this desktop.</source>
        <translation>Le nom {model_host} ne se résout pas depuis ce poste.</translation>
    </message>
    <message>
        <source>Check the model endpoint ({model_endpoint}) for a typo; use a name both this desktop and the gateway container can resolve.</source>
        <translation>Vérifiez le point de terminaison du modèle ({model_endpoint}) pour une faute de frappe ; utilisez un nom que ce poste et le conteneur de la passerelle peuvent résoudre.</translation>
    </message>
    <message>
        <source>Nothing accepts connections at {model_host}:{model_port}: the model server is not running, or listens elsewhere.</source>
        <translation>Rien n'accepte de connexion à {model_host}:{model_port} : le serveur de modèle ne tourne pas, ou écoute ailleurs.</translation>
    </message>
    <message>
        <source>Start the model server and check the port in {model_endpoint}. It must listen on an address the gateway can reach: vLLM --host 0.0.0.0, Ollama OLLAMA_HOST=0.0.0.0 (it binds 127.0.0.1 by default).</source>
        <translation>Démarrez le serveur de modèle et vérifiez le port de {model_endpoint}. Il doit écouter sur une adresse que la passerelle peut joindre : vLLM --host 0.0.0.0, Ollama OLLAMA_HOST=0.0.0.0 (par défaut il se lie à 127.0.0.1).</translation>
    </message>
    <message>
        <source>No answer from {model_host}:{model_port} within {timeout} s: a firewall drops the traffic, or the server is stuck.</source>
        <translation>Pas de réponse de {model_host}:{model_port} en {timeout} s : un pare-feu rejette le trafic, ou le serveur est bloqué.</translation>
    </message>
    <message>
        <source>Check the firewall in front of the model server and that the server is up.</source>
        <translation>Vérifiez le pare-feu devant le serveur de modèle et que le serveur fonctionne.</translation>
    </message>
    <message>
        <source>{models_url} is not found while {corrected_endpoint}/models answers: the endpoint lacks /v1, so every request the gateway makes gets a 404.</source>
        <translation>{models_url} est introuvable alors que {corrected_endpoint}/models répond : il manque /v1 au point de terminaison, donc chaque requête de la passerelle reçoit un 404.</translation>
    </message>
    <message>
        <source>Use the endpoint {corrected_endpoint}, here and in GitLab (Admin &gt; GitLab Duo &gt; Self-hosted models &gt; {deployment_name} &gt; Endpoint).</source>
        <translation>Utilisez le point de terminaison {corrected_endpoint}, ici et dans GitLab (Admin &gt; GitLab Duo &gt; Self-hosted models &gt; {deployment_name} &gt; Endpoint).</translation>
    </message>
    <message>
        <source>No OpenAI-compatible API at {model_endpoint}: {models_url} answered HTTP {http_status}.</source>
        <translation>Aucune API compatible OpenAI à {model_endpoint} : {models_url} a répondu HTTP {http_status}.</translation>
    </message>
    <message>
        <source>Use the server's OpenAI-compatible base URL, usually ending in /v1 (vLLM http://host:8000/v1, Ollama http://host:11434/v1, LiteLLM http://host:4000).</source>
        <translation>Utilisez l'URL de base compatible OpenAI du serveur, se terminant souvent par /v1 (vLLM http://hôte:8000/v1, Ollama http://hôte:11434/v1, LiteLLM http://hôte:4000).</translation>
    </message>
    <message>
        <source>The model server needs an API key and none was sent.</source>
        <translation>Le serveur de modèle exige une clé d'API et aucune n'a été envoyée.</translation>
    </message>
    <message>
        <source>Give the key in the environment variable named by --model-key-env, and set the same key on GitLab's self-hosted model {deployment_name}.</source>
        <translation>Fournissez la clé dans la variable d'environnement nommée par --model-key-env, et réglez la même clé sur le modèle auto-hébergé {deployment_name} de GitLab.</translation>
    </message>
    <message>
        <source>The model server rejected the API key (HTTP {http_status}).</source>
        <translation>Le serveur de modèle a refusé la clé d'API (HTTP {http_status}).</translation>
    </message>
    <message>
        <source>Use the key the server was started with (vLLM --api-key, a LiteLLM master or virtual key), here and on GitLab's self-hosted model {deployment_name}.</source>
        <translation>Utilisez la clé avec laquelle le serveur a été démarré (vLLM --api-key, une clé maître ou virtuelle LiteLLM), ici et sur le modèle auto-hébergé {deployment_name} de GitLab.</translation>
    </message>
    <message>
        <source>The identifier {model_identifier} lacks the custom_openai/ prefix that tells the gateway to speak the OpenAI protocol to this server.</source>
        <translation>Il manque à l'identifiant {model_identifier} le préfixe custom_openai/ qui indique à la passerelle de parler le protocole OpenAI à ce serveur.</translation>
    </message>
    <message>
        <source>Set the identifier to {suggested_identifier}, here and in GitLab (Admin &gt; GitLab Duo &gt; Self-hosted models &gt; {deployment_name} &gt; Model identifier).</source>
        <translation>Réglez l'identifiant sur {suggested_identifier}, ici et dans GitLab (Admin &gt; GitLab Duo &gt; Self-hosted models &gt; {deployment_name} &gt; Model identifier).</translation>
    </message>
    <message>
        <source>The server does not serve {served_model_id}; it serves: {served_models}.</source>
        <translation>Le serveur ne sert pas {served_model_id} ; il sert : {served_models}.</translation>
    </message>
    <message>
        <source>Set the identifier to {suggested_identifier} (custom_openai/ followed by an id the server lists), here and in GitLab's self-hosted model {deployment_name}; or serve the model under that name (vLLM --served-model-name {served_model_id:sh}).</source>
        <translation>Réglez l'identifiant sur {suggested_identifier} (custom_openai/ suivi d'un id listé par le serveur), ici et dans le modèle auto-hébergé {deployment_name} de GitLab ; ou servez le modèle sous ce nom (vLLM --served-model-name {served_model_id:sh}).</translation>
    </message>
    <message>
        <source>The model did not return a single token within {inference_timeout} s.</source>
        <translation>Le modèle n'a pas renvoyé un seul jeton en {inference_timeout} s.</translation>
    </message>
    <message>
        <source>A model this slow also exceeds GitLab's AI gateway timeout (60 s by default): raise it (Admin &gt; GitLab Duo &gt; AI gateway request timeout, 60–600 s, GitLab 18.7 and later), or use a smaller or faster model and more GPU.</source>
        <translation>Un modèle aussi lent dépasse aussi le délai de passerelle IA de GitLab (60 s par défaut) : augmentez-le (Admin &gt; GitLab Duo &gt; AI gateway request timeout, 60–600 s, GitLab 18.7 et plus), ou utilisez un modèle plus petit ou plus rapide et plus de GPU.</translation>
    </message>
    <message>
        <source>The model's context window is too small: "{message}".</source>
        <translation>La fenêtre de contexte du modèle est trop petite : « {message} ».</translation>
    </message>
    <message>
        <source>Start vLLM with a larger --max-model-len, or use a model with a longer context.</source>
        <translation>Lancez vLLM avec un --max-model-len plus grand, ou utilisez un modèle au contexte plus long.</translation>
    </message>
    <message>
        <source>The server does not serve {served_model_id}: "{message}".</source>
        <translation>Le serveur ne sert pas {served_model_id} : « {message} ».</translation>
    </message>
    <message>
        <source>Set the identifier to custom_openai/ followed by an id from {models_url}.</source>
        <translation>Réglez l'identifiant sur custom_openai/ suivi d'un id de {models_url}.</translation>
    </message>
    <message>
        <source>Duo Chat error A1001: GitLab could not reach the AI gateway. The gateway URL is wrong or unset, the network is in the way, or GitLab's outbound rules block the gateway's private address.</source>
        <translation>Erreur Duo Chat A1001 : GitLab n'a pas pu joindre la passerelle IA. L'URL de la passerelle est fausse ou absente, le réseau fait obstacle, ou les règles sortantes de GitLab bloquent l'adresse privée de la passerelle.</translation>
    </message>
    <message>
        <source>Check the gateway URL (Admin &gt; GitLab Duo &gt; AI gateway URL; AI_GATEWAY_URL before 17.9) against {gateway_url}, and allow {gateway_host} under Admin &gt; Settings &gt; Network &gt; Outbound requests.</source>
        <translation>Comparez l'URL de la passerelle (Admin &gt; GitLab Duo &gt; AI gateway URL ; AI_GATEWAY_URL avant 17.9) à {gateway_url}, et autorisez {gateway_host} dans Admin &gt; Settings &gt; Network &gt; Outbound requests.</translation>
    </message>
    <message>
        <source>GitLab gave up waiting for the gateway (Net::ReadTimeout, Duo Chat error A1000): the model answers more slowly than GitLab's AI gateway timeout.</source>
        <translation>GitLab a cessé d'attendre la passerelle (Net::ReadTimeout, erreur Duo Chat A1000) : le modèle répond plus lentement que ne le permet le délai de passerelle IA de GitLab.</translation>
    </message>
    <message>
        <source>Raise the AI gateway request timeout (Admin &gt; GitLab Duo, 60–600 s, GitLab 18.7 and later) or use a faster model; duo-doctor check measures the model's latency.</source>
        <translation>Augmentez le délai de requête de passerelle IA (Admin &gt; GitLab Duo, 60–600 s, GitLab 18.7 et plus) ou utilisez un modèle plus rapide ; duo-doctor check mesure la latence du modèle.</translation>
    </message>
    <message>
        <source>Duo Chat error A1003: streaming between the model and the gateway broke, often a proxy that buffers answers or strips X-Accel-Buffering.</source>
        <translation>Erreur Duo Chat A1003 : le streaming entre le modèle et la passerelle s'est interrompu, souvent à cause d'un proxy qui met les réponses en tampon ou retire X-Accel-Buffering.</translation>
    </message>
    <message>
        <source>Recreate the gateway with -e AIGW_CUSTOM_MODELS__DISABLE_STREAMING=true, or stop the proxy between the gateway and the model from buffering.</source>
        <translation>Recréez la passerelle avec -e AIGW_CUSTOM_MODELS__DISABLE_STREAMING=true, ou empêchez le proxy entre la passerelle et le modèle de mettre les réponses en tampon.</translation>
    </message>
    <message>
        <source>The gateway does not know its GitLab: neither AIGW_GITLAB_URL nor AIGW_AUTH__BYPASS_EXTERNAL is set.</source>
        <translation>La passerelle ne connaît pas son GitLab : ni AIGW_GITLAB_URL ni AIGW_AUTH__BYPASS_EXTERNAL n'est défini.</translation>
    </message>
    <message>
        <source>Recreate the gateway with -e AIGW_GITLAB_URL={gitlab_url} -e AIGW_GITLAB_API_URL={gitlab_api_url}.</source>
        <translation>Recréez la passerelle avec -e AIGW_GITLAB_URL={gitlab_url} -e AIGW_GITLAB_API_URL={gitlab_api_url}.</translation>
    </message>
    <message>
        <source>The gateway rejected a token: "{message}". Malformed ("Not enough segments"), expired ("Signature has expired": stale license data) or signed by a key the gateway has not loaded.</source>
        <translation>La passerelle a refusé un jeton : « {message} ». Mal formé (« Not enough segments »), expiré (« Signature has expired » : données de licence périmées) ou signé par une clé que la passerelle n'a pas chargée.</translation>
    </message>
    <message>
        <source>Sync the subscription (Admin &gt; Subscription &gt; Sync) and restart the gateway so it reloads GitLab's keys; make sure it reaches {gitlab_url}.</source>
        <translation>Synchronisez l'abonnement (Admin &gt; Subscription &gt; Sync) et redémarrez la passerelle pour qu'elle recharge les clés de GitLab ; assurez-vous qu'elle joint {gitlab_url}.</translation>
    </message>
    <message>
        <source>The gateway cannot fetch GitLab's signing keys (JWKS), so it rejects every token from GitLab: "{message}".</source>
        <translation>La passerelle ne peut pas récupérer les clés de signature de GitLab (JWKS), elle refuse donc tout jeton de GitLab : « {message} ».</translation>
    </message>
    <message>
        <source>Check AIGW_GITLAB_URL={gitlab_url} and AIGW_GITLAB_API_URL={gitlab_api_url} in the container and that it reaches them (no proxy in the way): curl "$AIGW_GITLAB_API_URL/projects" from inside it. A restart clears a stale key cache.</source>
        <translation>Vérifiez AIGW_GITLAB_URL={gitlab_url} et AIGW_GITLAB_API_URL={gitlab_api_url} dans le conteneur et qu'il les joint (sans proxy sur le chemin) : curl "$AIGW_GITLAB_API_URL/projects" depuis l'intérieur du conteneur. Un redémarrage vide un cache de clés périmé.</translation>
    </message>
    <message>
        <source>The gateway does not trust a certificate it was shown (or cannot read the CA file): "{message}". A private CA or a TLS-inspecting proxy.</source>
        <translation>La passerelle ne fait pas confiance à un certificat qui lui a été présenté (ou ne peut pas lire le fichier d'AC) : « {message} ». Une AC privée ou un proxy d'inspection TLS.</translation>
    </message>
    <message>
        <source>Mount the CA bundle into the gateway and set SSL_CERT_FILE and REQUESTS_CA_BUNDLE to it. The gateway does not support a self-signed GitLab certificate: use a private CA.</source>
        <translation>Montez le paquet d'AC dans la passerelle et faites pointer SSL_CERT_FILE et REQUESTS_CA_BUNDLE dessus. La passerelle ne prend pas en charge un certificat GitLab auto-signé : utilisez une AC privée.</translation>
    </message>
    <message>
        <source>The gateway image was built for another CPU architecture than the host's.</source>
        <translation>L'image de la passerelle a été construite pour une autre architecture de processeur que celle de l'hôte.</translation>
    </message>
    <message>
        <source>Run it with --platform linux/amd64 (emulated, slow) or on an amd64 host: docker run --platform linux/amd64 … {aigw_image}.</source>
        <translation>Lancez-la avec --platform linux/amd64 (émulée, lente) ou sur un hôte amd64 : docker run --platform linux/amd64 … {aigw_image}.</translation>
    </message>
    <message>
        <source>The port is already taken on the host: "{message}". Another gateway container, or another service (the metrics port 8082 clashes with --network host).</source>
        <translation>Le port est déjà pris sur l'hôte : « {message} ». Un autre conteneur de passerelle, ou un autre service (le port des métriques 8082 entre en conflit avec --network host).</translation>
    </message>
    <message>
        <source>Stop the old container (docker ps; docker rm -f &lt;name&gt;) or pick free ports; with --network host also set -e AIGW_FASTAPI__METRICS_PORT=8083.</source>
        <translation>Arrêtez l'ancien conteneur (docker ps; docker rm -f &lt;name&gt;) ou choisissez des ports libres ; avec --network host, définissez aussi -e AIGW_FASTAPI__METRICS_PORT=8083.</translation>
    </message>
    <message>
        <source>The gateway has no AWS credentials for Bedrock: "{message}".</source>
        <translation>La passerelle n'a pas d'identifiants AWS pour Bedrock : « {message} ».</translation>
    </message>
    <message>
        <source>Pass AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_REGION_NAME to the gateway container; Bedrock identifiers are bedrock/&lt;model id&gt; and need no endpoint.</source>
        <translation>Passez AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY et AWS_REGION_NAME au conteneur de la passerelle ; les identifiants Bedrock sont de la forme bedrock/&lt;model id&gt; et ne nécessitent pas de point de terminaison.</translation>
    </message>
    <message>
        <source>The gateway is newer than GitLab and refuses its requests (DCR4005).</source>
        <translation>La passerelle est plus récente que GitLab et refuse ses requêtes (DCR4005).</translation>
    </message>
    <message>
        <source>Run the gateway tag that matches GitLab ({aigw_image}), never latest.</source>
        <translation>Utilisez l'étiquette de passerelle correspondant à GitLab ({aigw_image}), jamais latest.</translation>
    </message>
    <message>
        <source>The gateway's own troubleshooting script could not use the model: "{message}".</source>
        <translation>Le script de dépannage de la passerelle n'a pas pu utiliser le modèle : « {message} ».</translation>
    </message>
    <message>
        <source>Ask the model from inside the gateway container with the command below; then check the endpoint ({model_endpoint}, reachable from the container and ending in /v1), the identifier ({model_identifier}) and the API key.</source>
        <translation>Interrogez le modèle depuis le conteneur de la passerelle avec la commande ci-dessous ; vérifiez ensuite le point de terminaison ({model_endpoint}, joignable depuis le conteneur et se terminant par /v1), l'identifiant ({model_identifier}) et la clé d'API.</translation>
    </message>
    <message>
        <source>The license does not include Code Suggestions (GitLab Duo add-on).</source>
        <translation>La licence n'inclut pas Code Suggestions (module complémentaire GitLab Duo).</translation>
    </message>
    <message>
        <source>Check the subscription under Admin &gt; Subscription and sync it; self-hosted models need GitLab Duo Enterprise (or the matching add-on) on Premium or Ultimate.</source>
        <translation>Vérifiez l'abonnement sous Admin &gt; Subscription et synchronisez-le ; les modèles auto-hébergés exigent GitLab Duo Enterprise (ou le module complémentaire correspondant) sur Premium ou Ultimate.</translation>
    </message>
    <message>
        <source>GitLab reaches the host but does not trust its certificate: "{message}". A private CA or a TLS-inspecting proxy.</source>
        <translation>GitLab atteint l'hôte mais ne fait pas confiance à son certificat : « {message} ». Une AC privée ou un proxy d'inspection TLS.</translation>
    </message>
    <message>
        <source>Put the CA certificate in /etc/gitlab/trusted-certs/ on the GitLab host, then sudo gitlab-ctl reconfigure.</source>
        <translation>Placez le certificat d'AC dans /etc/gitlab/trusted-certs/ sur l'hôte GitLab, puis sudo gitlab-ctl reconfigure.</translation>
    </message>
    <message>
        <source>Duo Chat error A1002: GitLab got no events back from the AI gateway, or could not read them. The gateway's call to the model failed, or the model's answer was not in a form the gateway understands.</source>
        <translation>Erreur Duo Chat A1002 : GitLab n'a reçu aucun événement de la passerelle IA, ou n'a pas pu les lire. L'appel de la passerelle au modèle a échoué, ou la réponse du modèle n'avait pas une forme que la passerelle comprend.</translation>
    </message>
    <message>
        <source>Find the model's error in the gateway's log at that time. If the model server streams answers the gateway cannot read, recreate the gateway with -e AIGW_CUSTOM_MODELS__DISABLE_STREAMING=true.</source>
        <translation>Cherchez l'erreur du modèle dans le journal de la passerelle à ce moment-là. Si le serveur de modèle diffuse des réponses que la passerelle ne sait pas lire, recréez la passerelle avec -e AIGW_CUSTOM_MODELS__DISABLE_STREAMING=true.</translation>
    </message>
    <message>
        <source>Duo Chat error A1004: the AI gateway failed while handling the request, often passing on the model server's own error.</source>
        <translation>Erreur Duo Chat A1004 : la passerelle IA a échoué en traitant la requête, en transmettant souvent l'erreur du serveur de modèle lui-même.</translation>
    </message>
    <message>
        <source>Find the error in the gateway's log at that time; duo-doctor check asks the model the way the gateway does and names the cause.</source>
        <translation>Cherchez l'erreur dans le journal de la passerelle à ce moment-là ; duo-doctor check interroge le modèle comme le fait la passerelle et en nomme la cause.</translation>
    </message>
    <message>
        <source>Duo Chat error A1005: the conversation no longer fits the model's context window (its maximum number of tokens).</source>
        <translation>Erreur Duo Chat A1005 : la conversation ne tient plus dans la fenêtre de contexte du modèle (son nombre maximal de jetons).</translation>
    </message>
    <message>
        <source>Start a new conversation with /new or /clear. If it happens after a few messages, the served context window is too small: start vLLM with a larger --max-model-len (duo-doctor check reports it as model.context_length).</source>
        <translation>Commencez une nouvelle conversation avec /new ou /clear. Si cela arrive après quelques messages, la fenêtre de contexte servie est trop petite : démarrez vLLM avec un --max-model-len plus grand (duo-doctor check l'indique comme model.context_length).</translation>
    </message>
    <message>
        <source>Duo Chat's agent gave up before it found an answer (A1006, A6000 or A9999). With a self-hosted model this often means the model does not follow the agent's tool-use format well enough.</source>
        <translation>L'agent de Duo Chat a abandonné avant de trouver une réponse (A1006, A6000 ou A9999). Avec un modèle auto-hébergé, cela signifie souvent que le modèle ne suit pas assez bien le format d'outils de l'agent.</translation>
    </message>
    <message>
        <source>Try a more specific prompt or /clear. If it keeps happening, use a model GitLab supports for Duo Chat (a larger instruct model) and read the model's answers in the gateway's log.</source>
        <translation>Essayez une demande plus précise ou /clear. Si cela continue, utilisez un modèle que GitLab prend en charge pour Duo Chat (un modèle instruct plus grand) et lisez les réponses du modèle dans le journal de la passerelle.</translation>
    </message>
    <message>
        <source>Duo Chat error A1007 or A1008: the GitLab Duo Agent Platform failed on the request; A1008 means the model provider behind the gateway (your model server) returned an error.</source>
        <translation>Erreur Duo Chat A1007 ou A1008 : la GitLab Duo Agent Platform a échoué sur la requête ; A1008 signifie que le fournisseur de modèle derrière la passerelle (votre serveur de modèle) a renvoyé une erreur.</translation>
    </message>
    <message>
        <source>Check the gateway's log and the model server's log at that time; duo-doctor check tells whether the model answers the gateway.</source>
        <translation>Vérifiez le journal de la passerelle et celui du serveur de modèle à ce moment-là ; duo-doctor check indique si le modèle répond à la passerelle.</translation>
    </message>
    <message>
        <source>Duo Chat refused the user (M3004, M3006 or G3001): no GitLab Duo seat, or a GitLab Duo add-on that does not include Duo Chat.</source>
        <translation>Duo Chat a refusé l'utilisateur (M3004, M3006 ou G3001) : pas de siège GitLab Duo, ou un module complémentaire GitLab Duo qui n'inclut pas Duo Chat.</translation>
    </message>
    <message>
        <source>Assign the user a GitLab Duo seat (Admin &gt; GitLab Duo &gt; Seat utilization) and make sure the add-on includes Duo Chat; duo-doctor check reports the seat as gitlab.duo_seat.</source>
        <translation>Attribuez à l'utilisateur un siège GitLab Duo (Admin &gt; GitLab Duo &gt; Seat utilization) et assurez-vous que le module complémentaire inclut Duo Chat ; duo-doctor check indique le siège comme gitlab.duo_seat.</translation>
    </message>
    <message>
        <source>Duo Chat error M3002: GitLab Duo is turned off for the group or project the question is about.</source>
        <translation>Erreur Duo Chat M3002 : GitLab Duo est désactivé pour le groupe ou le projet sur lequel porte la question.</translation>
    </message>
    <message>
        <source>A group or project owner turns GitLab Duo on (Settings &gt; General &gt; GitLab Duo features); an administrator can do so for the instance (Admin &gt; GitLab Duo).</source>
        <translation>Un propriétaire du groupe ou du projet active GitLab Duo (Settings &gt; General &gt; GitLab Duo features) ; un administrateur peut le faire pour l'instance (Admin &gt; GitLab Duo).</translation>
    </message>
    <message>
        <source>Duo Chat error G3002: the user belongs to several GitLab Duo namespaces and has not chosen a default one.</source>
        <translation>Erreur Duo Chat G3002 : l'utilisateur appartient à plusieurs espaces de noms GitLab Duo et n'en a choisi aucun par défaut.</translation>
    </message>
    <message>
        <source>The user picks a default GitLab Duo namespace in their preferences (User settings &gt; Preferences).</source>
        <translation>L'utilisateur choisit un espace de noms GitLab Duo par défaut dans ses préférences (User settings &gt; Preferences).</translation>
    </message>
    <message>
        <source>GitLab's AI gateway URL is not a valid URL: it must start with http:// or https://.</source>
        <translation>L'URL de la passerelle IA de GitLab n'est pas une URL valide : elle doit commencer par http:// ou https://.</translation>
    </message>
    <message>
        <source>GitLab skips a self-hosted model whose identifier does not start with custom_openai/ (or another provider prefix): the gateway would not know which protocol to speak.</source>
        <translation>GitLab ignore un modèle auto-hébergé dont l'identifiant ne commence pas par custom_openai/ (ou un autre préfixe de fournisseur) : la passerelle ne saurait pas quel protocole parler.</translation>
    </message>
    <message>
        <source>Edit the model under Admin &gt; GitLab Duo &gt; Self-hosted models: set the identifier to custom_openai/ followed by an id from {models_url}.</source>
        <translation>Modifiez le modèle sous Admin &gt; GitLab Duo &gt; Self-hosted models : définissez l'identifiant à custom_openai/ suivi d'un id de {models_url}.</translation>
    </message>
    <message>
        <source>The URL reaches a web server, but /api/v4/metadata is not GitLab's API there.</source>
        <translation>L'URL atteint un serveur web, mais /api/v4/metadata n'y est pas l'API de GitLab.</translation>
    </message>
    <message>
        <source>Use GitLab's external URL (the external_url in /etc/gitlab/gitlab.rb), including any relative path such as /gitlab.</source>
        <translation>Utilisez l'URL externe de GitLab (external_url dans /etc/gitlab/gitlab.rb), avec un éventuel chemin relatif comme /gitlab.</translation>
    </message>
    <message>
        <source>The token has neither the api nor the read_api scope: most checks cannot ask GitLab.</source>
        <translation>Le jeton n'a ni la portée api ni read_api : la plupart des vérifications ne peuvent pas interroger GitLab.</translation>
    </message>
    <message>
        <source>Create a token with the read_api scope (api for GitLab's own connection check).</source>
        <translation>Créez un jeton avec la portée read_api (api pour la vérification de connexion de GitLab).</translation>
    </message>
    <message>
        <source>Code Suggestions with a self-hosted model need a GitLab Duo add-on (Duo Enterprise) with seats.</source>
        <translation>Code Suggestions avec un modèle auto-hébergé exige un module complémentaire GitLab Duo (Duo Enterprise) avec des places.</translation>
    </message>
    <message>
        <source>Activate GitLab Duo Enterprise on the subscription, then sync it (Admin &gt; Subscription &gt; Sync).</source>
        <translation>Activez GitLab Duo Enterprise sur l'abonnement, puis synchronisez-le (Admin &gt; Subscription &gt; Sync).</translation>
    </message>
    <message>
        <source>Without a seat GitLab refuses the user's Code Suggestions requests.</source>
        <translation>Sans place, GitLab refuse les requêtes Code Suggestions de l'utilisateur.</translation>
    </message>
    <message>
        <source>All {purchased_seats} seats are taken: free one or buy more, then assign it to {gitlab_username} (Admin &gt; GitLab Duo &gt; Seat utilization).</source>
        <translation>Les {purchased_seats} places sont toutes prises : libérez-en une ou achetez-en d'autres, puis attribuez-la à {gitlab_username} (Admin &gt; GitLab Duo &gt; Seat utilization).</translation>
    </message>
    <message>
        <source>Assign {gitlab_username} a seat: Admin &gt; GitLab Duo &gt; Seat utilization.</source>
        <translation>Attribuez une place à {gitlab_username} : Admin &gt; GitLab Duo &gt; Seat utilization.</translation>
    </message>
    <message>
        <source>The checks from this desktop test a model GitLab does not know, so they say nothing about GitLab's own requests.</source>
        <translation>Les vérifications depuis ce poste testent un modèle que GitLab ne connaît pas, elles ne disent donc rien des requêtes de GitLab lui-même.</translation>
    </message>
    <message>
        <source>Pick GitLab's model on the Model page (or duo-doctor profiles import), or add it under Admin &gt; GitLab Duo &gt; Self-hosted models.</source>
        <translation>Choisissez le modèle de GitLab sur la page Modèle (ou avec duo-doctor profiles import), ou ajoutez-le dans Admin &gt; GitLab Duo &gt; Self-hosted models.</translation>
    </message>
    <message>
        <source>GitLab sends its own settings to the gateway: the checks from this desktop test other values than GitLab uses.</source>
        <translation>GitLab envoie ses propres réglages à la passerelle : les vérifications depuis ce poste testent d'autres valeurs que celles qu'utilise GitLab.</translation>
    </message>
    <message>
        <source>Make them the same: change this setup (duo-doctor profiles import reads GitLab's), or edit the model in GitLab (Admin &gt; GitLab Duo &gt; Self-hosted models &gt; {gitlab_model}).</source>
        <translation>Alignez-les : modifiez cette configuration (duo-doctor profiles import lit celle de GitLab), ou modifiez le modèle dans GitLab (Admin &gt; GitLab Duo &gt; Self-hosted models &gt; {gitlab_model}).</translation>
    </message>
    <message>
        <source>Inside a container, localhost, 127.0.0.1 and 0.0.0.0 are the container itself.</source>
        <translation>Dans un conteneur, localhost, 127.0.0.1 et 0.0.0.0 désignent le conteneur lui-même.</translation>
    </message>
    <message>
        <source>Prefer an address of the model host that the container can reach, or run the gateway with --network host.</source>
        <translation>Préférez une adresse de l'hôte du modèle que le conteneur peut joindre, ou lancez la passerelle avec --network host.</translation>
    </message>
    <message>
        <source>Code generation sends the code around the cursor with its instructions and asks for a few hundred tokens back; with less than {recommended_tokens} tokens, larger files fail with "maximum context length".</source>
        <translation>La génération de code envoie le code autour du curseur avec ses instructions et demande quelques centaines de jetons en retour ; avec moins de {recommended_tokens} jetons, les fichiers plus grands échouent avec « maximum context length ».</translation>
    </message>
    <message>
        <source>Start vLLM with --max-model-len {recommended_tokens} or more (memory permitting), or serve a model with a longer context.</source>
        <translation>Lancez vLLM avec --max-model-len {recommended_tokens} ou plus (si la mémoire le permet), ou servez un modèle au contexte plus long.</translation>
    </message>
    <message>
        <source>Longer files and busier hours make answers slower: at half of GitLab's timeout, some code generation requests will time out (Duo Chat error A1000, Net::ReadTimeout in llm.log).</source>
        <translation>Des fichiers plus longs et des heures plus chargées ralentissent les réponses : à la moitié du délai de GitLab, certaines requêtes de génération de code expireront (erreur Duo Chat A1000, Net::ReadTimeout dans llm.log).</translation>
    </message>
    <message>
        <source>Only the host name differs: GitLab may know the gateway by an internal name. Make sure both names point to the same gateway.</source>
        <translation>Seul le nom d&apos;hôte diffère : GitLab connaît peut-être la passerelle sous un nom interne. Assurez-vous que les deux noms désignent la même passerelle.</translation>
    </message>
    <message>
        <source>None of the vLLM, Ollama, LiteLLM, TGI or llama.cpp fingerprints matched; fixes stay generic.</source>
        <translation>Aucune empreinte de vLLM, Ollama, LiteLLM, TGI ou llama.cpp ne correspond ; les corrections restent génériques.</translation>
    </message>
    <message>
        <source>Enter the model&apos;s API key in GitLab (Admin &gt; GitLab Duo &gt; Self-hosted models &gt; {gitlab_model}).</source>
        <translation>Saisissez la clé d&apos;API du modèle dans GitLab (Admin &gt; GitLab Duo &gt; Self-hosted models &gt; {gitlab_model}).</translation>
    </message>
    <message>
        <source>GitLab sends no API key to the model, while this setup uses one: a model server that needs a key rejects GitLab&apos;s requests although the checks from this desktop pass.</source>
        <translation>GitLab n&apos;envoie aucune clé d&apos;API au modèle, alors que cette configuration en utilise une : un serveur de modèle qui exige une clé refuse les requêtes de GitLab, même si les vérifications depuis ce poste réussissent.</translation>
    </message>
    <message>
        <source>Nothing to change when {gitlab_gateway_url} and {gateway_url} are the same gateway; otherwise set GitLab&apos;s AI gateway URL (Admin &gt; GitLab Duo) to the gateway you mean.</source>
        <translation>Rien à changer si {gitlab_gateway_url} et {gateway_url} sont la même passerelle ; sinon, réglez l&apos;URL de la passerelle IA de GitLab (Admin &gt; GitLab Duo) sur la passerelle voulue.</translation>
    </message>
    <message>
        <source>Nothing to do while the other model checks pass. If they fail, name the server (and its version) when you ask for help: its own documentation has the flags for an OpenAI-compatible API at {model_endpoint}.</source>
        <translation>Rien à faire tant que les autres vérifications du modèle réussissent. Si elles échouent, indiquez le serveur (et sa version) en demandant de l&apos;aide : sa propre documentation donne les options d&apos;une API compatible OpenAI à {model_endpoint}.</translation>
    </message>
    <message>
        <source>The Agent Platform service runs in the gateway container, but its token keys are not usable: {message}. Agentic Chat and flows then fail with &quot;Token creation failed&quot;.</source>
        <translation>Le service Agent Platform tourne dans le conteneur de la passerelle, mais ses clés de jeton ne sont pas utilisables : {message}. Agentic Chat et les flux échouent alors avec « Token creation failed ».</translation>
    </message>
    <message>
        <source>Make four RSA-2048 keys and pass each whole PEM file (BEGIN and END lines included) as AIGW_SELF_SIGNED_JWT__SIGNING_KEY, AIGW_SELF_SIGNED_JWT__VALIDATION_KEY, DUO_WORKFLOW_SELF_SIGNED_JWT__SIGNING_KEY and DUO_WORKFLOW_SELF_SIGNED_JWT__VALIDATION_KEY, with DUO_WORKFLOW_AUTH__ENABLED=true, then recreate the container.</source>
        <translation>Créez quatre clés RSA-2048 et passez chaque fichier PEM en entier (lignes BEGIN et END comprises) comme AIGW_SELF_SIGNED_JWT__SIGNING_KEY, AIGW_SELF_SIGNED_JWT__VALIDATION_KEY, DUO_WORKFLOW_SELF_SIGNED_JWT__SIGNING_KEY et DUO_WORKFLOW_SELF_SIGNED_JWT__VALIDATION_KEY, avec DUO_WORKFLOW_AUTH__ENABLED=true, puis recréez le conteneur.</translation>
    </message>
    <message>
        <source>{message} hold a PEM key on one line, its line breaks written as \n: the service may not read it.</source>
        <translation>{message} contient une clé PEM sur une ligne, ses sauts de ligne écrits \n : le service risque de ne pas la lire.</translation>
    </message>
    <message>
        <source>Pass the key file&apos;s content with its real line breaks: -e NAME=&quot;$(cat key.pem)&quot; for Docker, a Secret made with --from-file for Kubernetes.</source>
        <translation>Passez le contenu du fichier de clé avec ses vrais sauts de ligne : -e NAME=&quot;$(cat key.pem)&quot; pour Docker, un Secret créé avec --from-file pour Kubernetes.</translation>
    </message>
    <message>
        <source>The signing keys are set, but DUO_WORKFLOW_AUTH__ENABLED is &quot;{message}&quot;, not true: the Agent Platform service does not check who calls it.</source>
        <translation>Les clés de signature sont définies, mais DUO_WORKFLOW_AUTH__ENABLED vaut « {message} », pas true : le service Agent Platform ne vérifie pas qui l&apos;appelle.</translation>
    </message>
    <message>
        <source>Recreate the gateway container with -e DUO_WORKFLOW_AUTH__ENABLED=true.</source>
        <translation>Recréez le conteneur de la passerelle avec -e DUO_WORKFLOW_AUTH__ENABLED=true.</translation>
    </message>
    <message>
        <source>The customer portal URLs are not what an offline license needs: {message}. Without both set to GitLab&apos;s URL, each request waits about 20 seconds and the Agent Platform service may stop at start (&quot;Could not prefetch keys&quot;).</source>
        <translation>Les URL du portail client ne sont pas celles qu&apos;exige une licence hors ligne : {message}. Sans les deux réglées sur l&apos;URL de GitLab, chaque requête attend environ 20 secondes et le service Agent Platform peut s&apos;arrêter au démarrage (« Could not prefetch keys »).</translation>
    </message>
    <message>
        <source>With an offline (air-gapped) license, set both AIGW_CUSTOMER_PORTAL_URL and DUO_WORKFLOW_AUTH__OIDC_CUSTOMER_PORTAL_URL to {gitlab_url}; with an online license, leave both unset.</source>
        <translation>Avec une licence hors ligne (isolée), réglez AIGW_CUSTOMER_PORTAL_URL et DUO_WORKFLOW_AUTH__OIDC_CUSTOMER_PORTAL_URL toutes deux sur {gitlab_url} ; avec une licence en ligne, laissez-les toutes deux non définies.</translation>
    </message>
    <message>
        <source>{message}: every TLS connection of the gateway that relies on it fails.</source>
        <translation>{message} : chaque connexion TLS de la passerelle qui en dépend échoue.</translation>
    </message>
    <message>
        <source>Mount the CA bundle into the container (docker run -v /etc/ssl/custom-ca.pem:/etc/ssl/custom-ca.pem:ro) and point SSL_CERT_FILE and REQUESTS_CA_BUNDLE at that path.</source>
        <translation>Montez le paquet d&apos;AC dans le conteneur (docker run -v /etc/ssl/custom-ca.pem:/etc/ssl/custom-ca.pem:ro) et faites pointer SSL_CERT_FILE et REQUESTS_CA_BUNDLE vers ce chemin.</translation>
    </message>
    <message>
        <source>The gateway&apos;s CA settings are incomplete: {message}.</source>
        <translation>Les réglages d&apos;AC de la passerelle sont incomplets : {message}.</translation>
    </message>
    <message>
        <source>Set SSL_CERT_FILE and REQUESTS_CA_BUNDLE both to one bundle that holds your private CA and the public roots (for example the system bundle with your CA appended).</source>
        <translation>Réglez SSL_CERT_FILE et REQUESTS_CA_BUNDLE toutes deux sur un paquet qui contient votre AC privée et les racines publiques (par exemple le paquet du système avec votre AC ajoutée).</translation>
    </message>
    <message>
        <source>The gateway runs {message}, GitLab is {gitlab_version}: a gateway older or newer than GitLab&apos;s minor version fails in ways that are hard to trace.</source>
        <translation>La passerelle exécute {message}, GitLab est en {gitlab_version} : une passerelle plus ancienne ou plus récente que la version mineure de GitLab échoue de façon difficile à diagnostiquer.</translation>
    </message>
    <message>
        <source>Run the newest self-hosted tag of GitLab&apos;s major.minor version ({aigw_image} or a later patch of it), never latest or a nightly image.</source>
        <translation>Utilisez l&apos;étiquette self-hosted la plus récente de la version majeure.mineure de GitLab ({aigw_image} ou un correctif ultérieur), jamais latest ni une image nightly.</translation>
    </message>
    <message>
        <source>Inside the gateway container the Agent Platform service does not answer its gRPC health call: {message}.</source>
        <translation>Dans le conteneur de la passerelle, le service Agent Platform ne répond pas à son appel d&apos;état gRPC : {message}.</translation>
    </message>
    <message>
        <source>Read the container&apos;s log for duo-workflow-service errors (keys, &quot;Could not prefetch keys&quot;, the customer portal URLs); it needs ENABLE_DUO_WORKFLOW_SERVICE=true, at least 2 CPUs, and listens on 50052 (PORT).</source>
        <translation>Cherchez dans le journal du conteneur les erreurs de duo-workflow-service (clés, « Could not prefetch keys », URL du portail client) ; il lui faut ENABLE_DUO_WORKFLOW_SERVICE=true et au moins 2 CPU, et il écoute sur 50052 (PORT).</translation>
    </message>
    <message>
        <source>Inside the gateway container the Agent Platform service answers its health call with {message}: it is up but not ready to serve.</source>
        <translation>Dans le conteneur de la passerelle, le service Agent Platform répond {message} à son appel d&apos;état : il tourne mais n&apos;est pas prêt à servir.</translation>
    </message>
    <message>
        <source>Read the container&apos;s log for the component that failed at start (token keys, GitLab&apos;s OIDC keys, the model), fix it and restart the container.</source>
        <translation>Cherchez dans le journal du conteneur le composant qui a échoué au démarrage (clés de jeton, clés OIDC de GitLab, le modèle), corrigez-le et redémarrez le conteneur.</translation>
    </message>
    <message>
        <source>The Agent Platform service answers inside the container, but has no gRPC health service (UNIMPLEMENTED): its health cannot be read this way.</source>
        <translation>Le service Agent Platform répond dans le conteneur, mais n&apos;a pas de service d&apos;état gRPC (UNIMPLEMENTED) : son état ne peut pas être lu ainsi.</translation>
    </message>
    <message>
        <source>Nothing to change if Agentic Chat works; otherwise use gitlab-rake gitlab:duo:verify_self_hosted_setup, which calls the service the way GitLab does.</source>
        <translation>Rien à changer si Agentic Chat fonctionne ; sinon utilisez gitlab-rake gitlab:duo:verify_self_hosted_setup, qui appelle le service comme le fait GitLab.</translation>
    </message>
    <message>
        <source>Duo Chat error M2000: no documentation matched the question.</source>
        <translation>Erreur Duo Chat M2000 : aucune documentation ne correspond à la question.</translation>
    </message>
    <message>
        <source>Rephrase the question. Offline, documentation questions need GitLab&apos;s documentation search; nothing is wrong with the model.</source>
        <translation>Reformulez la question. Hors ligne, les questions sur la documentation demandent la recherche de documentation de GitLab ; le modèle n&apos;y est pour rien.</translation>
    </message>
    <message>
        <source>Duo Chat error M3003: the items asked about do not exist, the user cannot see them, or the session expired.</source>
        <translation>Erreur Duo Chat M3003 : les éléments demandés n&apos;existent pas, l&apos;utilisateur ne peut pas les voir, ou la session a expiré.</translation>
    </message>
    <message>
        <source>Ask about items the user can open in GitLab; if it persists, sign out and in again.</source>
        <translation>Demandez des éléments que l&apos;utilisateur peut ouvrir dans GitLab ; si cela persiste, déconnectez-vous puis reconnectez-vous.</translation>
    </message>
    <message>
        <source>Duo Chat error M3005: the tool the question needs is not part of the GitLab Duo add-on (Duo Pro instead of Duo Enterprise).</source>
        <translation>Erreur Duo Chat M3005 : l&apos;outil dont la question a besoin ne fait pas partie du module GitLab Duo (Duo Pro au lieu de Duo Enterprise).</translation>
    </message>
    <message>
        <source>Check the add-on under Admin &gt; Subscription; the tool needs GitLab Duo Enterprise.</source>
        <translation>Vérifiez le module sous Admin &gt; Subscription ; l&apos;outil demande GitLab Duo Enterprise.</translation>
    </message>
    <message>
        <source>Duo Chat error M4000, M4001, M4002 or M5000: GitLab failed while preparing the question (a slash command, finding the item&apos;s data, a CI/CD question, or the item&apos;s content).</source>
        <translation>Erreur Duo Chat M4000, M4001, M4002 ou M5000 : GitLab a échoué en préparant la question (une commande slash, les données de l&apos;élément, une question CI/CD ou le contenu de l&apos;élément).</translation>
    </message>
    <message>
        <source>Ask again; check a slash command&apos;s syntax (/tests, /refactor, /fix, /explain). If it keeps failing, look in llm.log for the request&apos;s correlation_id.</source>
        <translation>Reposez la question ; vérifiez la syntaxe d&apos;une commande slash (/tests, /refactor, /fix, /explain). Si l&apos;échec persiste, cherchez le correlation_id de la requête dans llm.log.</translation>
    </message>
    <message>
        <source>Duo Chat error M4003, M4004 or M4005: the command was used where it cannot work (Explain Vulnerability outside a SAST vulnerability page, Summarize Discussion without comments, Troubleshoot job without a failed job log).</source>
        <translation>Erreur Duo Chat M4003, M4004 ou M4005 : la commande a été utilisée là où elle ne peut pas fonctionner (Explain Vulnerability hors d&apos;une vulnérabilité SAST, Summarize Discussion sans commentaires, Troubleshoot job sans journal de job en échec).</translation>
    </message>
    <message>
        <source>Run the command from the page it belongs to: a SAST vulnerability&apos;s detail page, a discussion with comments, a failed job&apos;s log.</source>
        <translation>Lancez la commande depuis la page à laquelle elle appartient : la page de détail d&apos;une vulnérabilité SAST, une discussion avec des commentaires, le journal d&apos;un job en échec.</translation>
    </message>
    <message>
        <source>Code Review flow error DCR4011: no runner can run the flow. Flows need an instance or top-level group runner tagged gitlab--duo with a Docker or Kubernetes executor (not shell).</source>
        <translation>Erreur DCR4011 du flow Code Review : aucun runner ne peut exécuter le flow. Les flows demandent un runner d&apos;instance ou de groupe principal avec le tag gitlab--duo et un exécuteur Docker ou Kubernetes (pas shell).</translation>
    </message>
    <message>
        <source>Register such a runner (gitlab-runner register --executor docker --tag-list gitlab--duo) at the instance or the top-level group; GET {gitlab_api_url}/runners/all?tag_list=gitlab--duo lists them.</source>
        <translation>Enregistrez un tel runner (gitlab-runner register --executor docker --tag-list gitlab--duo) pour l&apos;instance ou le groupe principal ; GET {gitlab_api_url}/runners/all?tag_list=gitlab--duo les liste.</translation>
    </message>
    <message>
        <source>Code Review flow error DCR4005: GitLab could not create the tokens the flow needs for the AI gateway and GitLab&apos;s API.</source>
        <translation>Erreur DCR4005 du flow Code Review : GitLab n&apos;a pas pu créer les jetons dont le flow a besoin pour la passerelle d&apos;IA et l&apos;API de GitLab.</translation>
    </message>
    <message>
        <source>Assign a model to &quot;Agents &amp; flows&quot; (Admin &gt; GitLab Duo &gt; Self-hosted models; gitlab-org/gitlab#631401), run the gateway image matching GitLab ({aigw_image}) with its JWT signing keys, and sync the subscription.</source>
        <translation>Attribuez un modèle à « Agents &amp; flows » (Admin &gt; GitLab Duo &gt; Self-hosted models ; gitlab-org/gitlab#631401), utilisez l&apos;image de passerelle correspondant à GitLab ({aigw_image}) avec ses clés de signature JWT, et synchronisez l&apos;abonnement.</translation>
    </message>
    <message>
        <source>Code Review flow error DCR4000, DCR4001 or DCR4007: the flow is turned off for the project or group, or its service account is missing.</source>
        <translation>Erreur DCR4000, DCR4001 ou DCR4007 du flow Code Review : le flow est désactivé pour le projet ou le groupe, ou son compte de service manque.</translation>
    </message>
    <message>
        <source>A top-level group owner turns on foundational flows and the Code Review flow; an administrator checks that the flow&apos;s service account exists and can be added to the project.</source>
        <translation>Un propriétaire du groupe principal active les flows par défaut et le flow Code Review ; un administrateur vérifie que le compte de service du flow existe et peut être ajouté au projet.</translation>
    </message>
    <message>
        <source>Code Review flow error DCR4003, DCR4004 or DCR4006: the user may not create pipelines, has no default GitLab Duo namespace, or the service account cannot join the project.</source>
        <translation>Erreur DCR4003, DCR4004 ou DCR4006 du flow Code Review : l&apos;utilisateur ne peut pas créer de pipelines, n&apos;a pas d&apos;espace de nommage GitLab Duo par défaut, ou le compte de service ne peut pas rejoindre le projet.</translation>
    </message>
    <message>
        <source>Give the user a role that may run pipelines, have them set a default GitLab Duo namespace (User settings &gt; Preferences), and let the service account join the project as Developer (group membership lock).</source>
        <translation>Donnez à l&apos;utilisateur un rôle qui peut exécuter des pipelines, faites-lui choisir un espace de nommage GitLab Duo par défaut (User settings &gt; Preferences) et laissez le compte de service rejoindre le projet comme Developer (verrouillage de l&apos;appartenance au groupe).</translation>
    </message>
    <message>
        <source>Code Review flow error DCR4002 or DCR4012: no GitLab Credits or compute minutes are left for this billing period.</source>
        <translation>Erreur DCR4002 ou DCR4012 du flow Code Review : il ne reste ni GitLab Credits ni minutes de calcul pour cette période de facturation.</translation>
    </message>
    <message>
        <source>Someone with billing access adds credits or compute minutes; a project or top-level group runner is not affected by compute minutes.</source>
        <translation>Une personne ayant accès à la facturation ajoute des crédits ou des minutes de calcul ; un runner du projet ou du groupe principal n&apos;est pas concerné par les minutes de calcul.</translation>
    </message>
    <message>
        <source>Code Review flow error DCR4008, DCR4009, DCR4010, DCR5000 or DCR5001: the flow could not create its pipeline, read the source branch, start, or post its comments.</source>
        <translation>Erreur DCR4008, DCR4009, DCR4010, DCR5000 ou DCR5001 du flow Code Review : le flow n&apos;a pas pu créer son pipeline, lire la branche source, démarrer ou publier ses commentaires.</translation>
    </message>
    <message>
        <source>Request a new review. If it fails again, check that a gitlab--duo runner picks up the flow&apos;s job and look at the job&apos;s log.</source>
        <translation>Demandez une nouvelle revue. Si elle échoue encore, vérifiez qu&apos;un runner gitlab--duo prend le job du flow et lisez le journal du job.</translation>
    </message>
    <message>
        <source>GitLab does not trust the certificate of {gateway_host}: &quot;{message}&quot;.</source>
        <translation>GitLab ne fait pas confiance au certificat de {gateway_host} : « {message} ».</translation>
    </message>
    <message>
        <source>Copy the CA certificate that signed the gateway&apos;s certificate into /etc/gitlab/trusted-certs/ on the GitLab host, then sudo gitlab-ctl reconfigure (Helm: global.certificates.customCAs).</source>
        <translation>Copiez le certificat de l&apos;autorité qui a signé celui de la passerelle dans /etc/gitlab/trusted-certs/ sur l&apos;hôte GitLab, puis sudo gitlab-ctl reconfigure (Helm : global.certificates.customCAs).</translation>
    </message>
    <message>
        <source>Sidekiq reports &quot;Header mismatch &apos;X-Gitlab-Instance-Id&apos;&quot;: the license&apos;s activation code was used on another instance, or a new one was used here.</source>
        <translation>Sidekiq signale « Header mismatch &apos;X-Gitlab-Instance-Id&apos; » : le code d&apos;activation de la licence a servi sur une autre instance, ou un nouveau a servi ici.</translation>
    </message>
    <message>
        <source>Ask GitLab Support for a new activation code for this instance, activate it (Admin &gt; Subscription), then sync the subscription.</source>
        <translation>Demandez au support GitLab un nouveau code d&apos;activation pour cette instance, activez-le (Admin &gt; Subscription), puis synchronisez l&apos;abonnement.</translation>
    </message>
    <message>
        <source>&quot;Token creation failed&quot;: the gateway or the Agent Platform service has no JWT signing keys to sign its tokens with.</source>
        <translation>« Token creation failed » : la passerelle ou le service Agent Platform n&apos;a pas de clés de signature JWT pour signer ses jetons.</translation>
    </message>
    <message>
        <source>Generate two RSA-2048 key pairs (openssl genrsa 2048) and pass them as AIGW_SELF_SIGNED_JWT__SIGNING_KEY, AIGW_SELF_SIGNED_JWT__VALIDATION_KEY, DUO_WORKFLOW_SELF_SIGNED_JWT__SIGNING_KEY and DUO_WORKFLOW_SELF_SIGNED_JWT__VALIDATION_KEY, with DUO_WORKFLOW_AUTH__ENABLED=true, then recreate the container.</source>
        <translation>Générez deux paires de clés RSA-2048 (openssl genrsa 2048) et passez-les comme AIGW_SELF_SIGNED_JWT__SIGNING_KEY, AIGW_SELF_SIGNED_JWT__VALIDATION_KEY, DUO_WORKFLOW_SELF_SIGNED_JWT__SIGNING_KEY et DUO_WORKFLOW_SELF_SIGNED_JWT__VALIDATION_KEY, avec DUO_WORKFLOW_AUTH__ENABLED=true, puis recréez le conteneur.</translation>
    </message>
    <message>
        <source>The gateway could not fetch GitLab&apos;s signing keys because of the network, not because of a key: &quot;{message}&quot;. Name resolution, a refused connection or an untrusted certificate between the gateway and {gitlab_url}.</source>
        <translation>La passerelle n&apos;a pas pu récupérer les clés de signature de GitLab à cause du réseau, pas d&apos;une clé : « {message} ». Résolution de noms, connexion refusée ou certificat non reconnu entre la passerelle et {gitlab_url}.</translation>
    </message>
    <message>
        <source>Check AIGW_GITLAB_URL={gitlab_url} in the container, that its name resolves there (DNS, --add-host), and that GitLab&apos;s CA is in REQUESTS_CA_BUNDLE and SSL_CERT_FILE; then curl &quot;$AIGW_GITLAB_API_URL/projects&quot; from inside it.</source>
        <translation>Vérifiez AIGW_GITLAB_URL={gitlab_url} dans le conteneur, que son nom y est résolu (DNS, --add-host) et que l&apos;autorité de GitLab est dans REQUESTS_CA_BUNDLE et SSL_CERT_FILE ; puis curl &quot;$AIGW_GITLAB_API_URL/projects&quot; depuis le conteneur.</translation>
    </message>
    <message>
        <source>The gateway&apos;s key cache is incomplete: &quot;{message}&quot;. One of its key providers (GitLab, or the customer portal) did not answer, so tokens it signed are rejected.</source>
        <translation>Le cache de clés de la passerelle est incomplet : « {message} ». Un de ses fournisseurs de clés (GitLab ou le portail client) n&apos;a pas répondu, donc les jetons qu&apos;il a signés sont refusés.</translation>
    </message>
    <message>
        <source>Make GitLab reachable from the container (AIGW_GITLAB_URL={gitlab_url}); offline licenses also need AIGW_CUSTOMER_PORTAL_URL and DUO_WORKFLOW_AUTH__OIDC_CUSTOMER_PORTAL_URL set to {gitlab_url}. Restart the gateway to refill the cache.</source>
        <translation>Rendez GitLab joignable depuis le conteneur (AIGW_GITLAB_URL={gitlab_url}) ; les licences hors ligne demandent aussi AIGW_CUSTOMER_PORTAL_URL et DUO_WORKFLOW_AUTH__OIDC_CUSTOMER_PORTAL_URL réglées sur {gitlab_url}. Redémarrez la passerelle pour remplir le cache.</translation>
    </message>
    <message>
        <source>The Agent Platform service has no customer portal to fetch keys from: &quot;{message}&quot;. Offline (air-gapped) licenses need the portal URL pointed at GitLab (gitlab-org/gitlab#598137).</source>
        <translation>Le service Agent Platform n&apos;a pas de portail client où chercher ses clés : « {message} ». Les licences hors ligne (air-gapped) demandent que l&apos;URL du portail pointe vers GitLab (gitlab-org/gitlab#598137).</translation>
    </message>
    <message>
        <source>Recreate the container with -e DUO_WORKFLOW_AUTH__OIDC_CUSTOMER_PORTAL_URL={gitlab_url} -e AIGW_CUSTOMER_PORTAL_URL={gitlab_url}.</source>
        <translation>Recréez le conteneur avec -e DUO_WORKFLOW_AUTH__OIDC_CUSTOMER_PORTAL_URL={gitlab_url} -e AIGW_CUSTOMER_PORTAL_URL={gitlab_url}.</translation>
    </message>
    <message>
        <source>gRPC ResourceExhausted: the headers of a call to the Agent Platform service are larger than gRPC accepts (&quot;received metadata size exceeds hard limit&quot;).</source>
        <translation>gRPC ResourceExhausted : les en-têtes d&apos;un appel au service Agent Platform dépassent ce que gRPC accepte (« received metadata size exceeds hard limit »).</translation>
    </message>
    <message>
        <source>Run the gateway image matching GitLab ({aigw_image}); a proxy or load balancer in between must pass gRPC unchanged and add no cookies or large headers.</source>
        <translation>Utilisez l&apos;image de passerelle correspondant à GitLab ({aigw_image}) ; un proxy ou un répartiteur de charge entre les deux doit laisser passer gRPC tel quel, sans ajouter de cookies ni de gros en-têtes.</translation>
    </message>
    <message>
        <source>&quot;Workflow failed to complete it&quot;: the Agent Platform cannot run a flow in a repository without commits.</source>
        <translation>« Workflow failed to complete it » : l&apos;Agent Platform ne peut pas exécuter de flow dans un dépôt sans commit.</translation>
    </message>
    <message>
        <source>Push a first commit to the project&apos;s default branch, then start the flow again.</source>
        <translation>Poussez un premier commit sur la branche par défaut du projet, puis relancez le flow.</translation>
    </message>
    <message>
        <source>The Agent Platform&apos;s WebSocket to /api/v4/ai/duo_workflows/ws closed abnormally (1006) or was not found (404): a proxy in front of GitLab does not pass the WebSocket upgrade.</source>
        <translation>Le WebSocket de l&apos;Agent Platform vers /api/v4/ai/duo_workflows/ws s&apos;est fermé anormalement (1006) ou est introuvable (404) : un proxy devant GitLab ne transmet pas la mise à niveau WebSocket.</translation>
    </message>
    <message>
        <source>In the proxy in front of {gitlab_url} (nginx): proxy_http_version 1.1; proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection &quot;upgrade&quot;; and a proxy_read_timeout long enough for a session. TLS-inspecting proxies must exempt GitLab.</source>
        <translation>Dans le proxy devant {gitlab_url} (nginx) : proxy_http_version 1.1; proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection &quot;upgrade&quot;; et un proxy_read_timeout assez long pour une session. Les proxys qui inspectent TLS doivent exempter GitLab.</translation>
    </message>
    <message>
        <source>The runner (or git in the flow&apos;s job) does not trust GitLab&apos;s certificate: &quot;{message}&quot;.</source>
        <translation>Le runner (ou git dans le job du flow) ne fait pas confiance au certificat de GitLab : « {message} ».</translation>
    </message>
    <message>
        <source>Give the runner GitLab&apos;s CA: tls-ca-file in the runner&apos;s config.toml ([[runners]]) or /etc/gitlab-runner/certs/{gitlab_host}.crt, and GIT_SSL_CAINFO (or CI_SERVER_TLS_CA_FILE) in the job&apos;s environment.</source>
        <translation>Donnez au runner l&apos;autorité de GitLab : tls-ca-file dans le config.toml du runner ([[runners]]) ou /etc/gitlab-runner/certs/{gitlab_host}.crt, et GIT_SSL_CAINFO (ou CI_SERVER_TLS_CA_FILE) dans l&apos;environnement du job.</translation>
    </message>
    <message>
        <source>Bedrock does not serve this model on demand: &quot;{message}&quot;.</source>
        <translation>Bedrock ne sert pas ce modèle à la demande : « {message} ».</translation>
    </message>
    <message>
        <source>Use an inference profile instead of the bare model id: the identifier bedrock/ followed by the id with its region prefix (us., eu., apac. or global.), e.g. bedrock/us.anthropic.claude-3-5-sonnet-20241022-v2:0.</source>
        <translation>Utilisez un profil d&apos;inférence au lieu de l&apos;identifiant nu du modèle : l&apos;identifiant bedrock/ suivi de l&apos;id avec son préfixe de région (us., eu., apac. ou global.), par ex. bedrock/us.anthropic.claude-3-5-sonnet-20241022-v2:0.</translation>
    </message>
    <message>
        <source>Bedrock refuses Anthropic&apos;s models until the account has submitted the model&apos;s use-case form: &quot;{message}&quot;.</source>
        <translation>Bedrock refuse les modèles d&apos;Anthropic tant que le compte n&apos;a pas envoyé le formulaire de cas d&apos;usage du modèle : « {message} ».</translation>
    </message>
    <message>
        <source>Submit the use-case details in the Bedrock console (Model access) for this AWS account; it takes about 15 minutes to take effect.</source>
        <translation>Envoyez les détails du cas d&apos;usage dans la console Bedrock (Model access) pour ce compte AWS ; l&apos;effet arrive après environ 15 minutes.</translation>
    </message>
    <message>
        <source>AWS denied the gateway&apos;s call to Bedrock: &quot;{message}&quot;.</source>
        <translation>AWS a refusé l&apos;appel de la passerelle à Bedrock : « {message} ».</translation>
    </message>
    <message>
        <source>Grant the gateway&apos;s IAM identity bedrock:InvokeModel and bedrock:InvokeModelWithResponseStream on the model (or inference profile) and enable the model under Model access in the same region as AWS_REGION.</source>
        <translation>Accordez à l&apos;identité IAM de la passerelle bedrock:InvokeModel et bedrock:InvokeModelWithResponseStream sur le modèle (ou le profil d&apos;inférence) et activez le modèle sous Model access dans la même région qu&apos;AWS_REGION.</translation>
    </message>
    <message>
        <source>Bedrock throttled the gateway (ThrottlingException): the account&apos;s quota for the model is used up.</source>
        <translation>Bedrock a limité la passerelle (ThrottlingException) : le quota du compte pour le modèle est épuisé.</translation>
    </message>
    <message>
        <source>Request a higher quota in AWS Service Quotas, or use a cross-region inference profile (us., eu., global.).</source>
        <translation>Demandez un quota plus élevé dans AWS Service Quotas, ou utilisez un profil d&apos;inférence inter-régions (us., eu., global.).</translation>
    </message>
    <message>
        <source>The gateway could not assume the model&apos;s IAM role: &quot;{message}&quot;.</source>
        <translation>La passerelle n&apos;a pas pu endosser le rôle IAM du modèle : « {message} ».</translation>
    </message>
    <message>
        <source>Let the gateway&apos;s own identity call sts:AssumeRole on that role, and the role&apos;s trust policy name the gateway&apos;s identity.</source>
        <translation>Autorisez l&apos;identité propre de la passerelle à appeler sts:AssumeRole sur ce rôle, et faites nommer cette identité par la politique d&apos;approbation du rôle.</translation>
    </message>
    <message>
        <source>Azure OpenAI has no deployment of that name (DeploymentNotFound): &quot;{message}&quot;.</source>
        <translation>Azure OpenAI n&apos;a pas de déploiement de ce nom (DeploymentNotFound) : « {message} ».</translation>
    </message>
    <message>
        <source>Set the identifier to azure/ followed by the deployment&apos;s name (not the model&apos;s), AZURE_API_BASE to https://&lt;resource&gt;.openai.azure.com without /openai/..., and AZURE_API_VERSION to an API version, not a model version.</source>
        <translation>Réglez l&apos;identifiant sur azure/ suivi du nom du déploiement (pas du modèle), AZURE_API_BASE sur https://&lt;resource&gt;.openai.azure.com sans /openai/..., et AZURE_API_VERSION sur une version d&apos;API, pas une version de modèle.</translation>
    </message>
    <message>
        <source>Azure OpenAI refused the gateway&apos;s key: &quot;{message}&quot;.</source>
        <translation>Azure OpenAI a refusé la clé de la passerelle : « {message} ».</translation>
    </message>
    <message>
        <source>Give the gateway the resource&apos;s key as AZURE_API_KEY (or as the model&apos;s API key in GitLab) and the matching AZURE_API_BASE: keys belong to one Azure resource.</source>
        <translation>Donnez à la passerelle la clé de la ressource comme AZURE_API_KEY (ou comme clé d&apos;API du modèle dans GitLab) et l&apos;AZURE_API_BASE correspondante : une clé appartient à une seule ressource Azure.</translation>
    </message>
    <message>
        <source>The model server was started without tool calling, which Agentic Chat and Agent Platform flows need: &quot;{message}&quot;.</source>
        <translation>Le serveur de modèle a été démarré sans appel d&apos;outils, dont Agentic Chat et les flows de l&apos;Agent Platform ont besoin : « {message} ».</translation>
    </message>
    <message>
        <source>Restart vLLM with --enable-auto-tool-choice and the --tool-call-parser that fits the model (mistral, llama3_json, hermes…).</source>
        <translation>Redémarrez vLLM avec --enable-auto-tool-choice et le --tool-call-parser adapté au modèle (mistral, llama3_json, hermes…).</translation>
    </message>
    <message>
        <source>The model server has no chat template for this model, so it cannot answer chat requests: &quot;{message}&quot;.</source>
        <translation>Le serveur de modèle n&apos;a pas de modèle de chat pour ce modèle et ne peut donc pas répondre aux requêtes de chat : « {message} ».</translation>
    </message>
    <message>
        <source>Serve an instruct model whose tokenizer has a chat template, or start vLLM with --chat-template &lt;file.jinja&gt; (and --served-model-name matching the identifier).</source>
        <translation>Servez un modèle instruct dont le tokenizer a un modèle de chat, ou démarrez vLLM avec --chat-template &lt;file.jinja&gt; (et --served-model-name égal à l&apos;identifiant).</translation>
    </message>
    <message>
        <source>A reasoning model refused a parameter the gateway sent: &quot;{message}&quot; (gitlab-org/gitlab#576126).</source>
        <translation>Un modèle de raisonnement a refusé un paramètre envoyé par la passerelle : « {message} » (gitlab-org/gitlab#576126).</translation>
    </message>
    <message>
        <source>Run the gateway image matching a GitLab version that supports this reasoning model ({aigw_image}), or select a non-reasoning model for the feature.</source>
        <translation>Utilisez l&apos;image de passerelle d&apos;une version de GitLab qui prend en charge ce modèle de raisonnement ({aigw_image}), ou choisissez un modèle sans raisonnement pour la fonctionnalité.</translation>
    </message>
    <message>
        <source>Raise the AI gateway request timeout (Admin &gt; GitLab Duo, 60–600 s, GitLab 18.7 and later), give the model server more GPU, or serve a smaller model. A proxy in front of the gateway or the model server (nginx) needs a proxy_read_timeout at least as long as that timeout.</source>
        <translation>Augmentez le délai de requête de passerelle IA (Admin &gt; GitLab Duo, 60–600 s, GitLab 18.7 et plus), donnez plus de GPU au serveur de modèle, ou servez un modèle plus petit. Un proxy devant la passerelle ou le serveur de modèles (nginx) a besoin d&apos;un proxy_read_timeout au moins aussi long.</translation>
    </message>
    <message>
        <source>The model server has no chat template for this model, so it cannot turn chat messages into a prompt: &quot;{message}&quot;. Base models and some quantised checkpoints ship without one.</source>
        <translation>Le serveur de modèles n&apos;a pas de modèle de chat (chat template) pour ce modèle et ne peut donc pas transformer les messages en prompt : « {message} ». Les modèles de base et certains checkpoints quantifiés n&apos;en fournissent pas.</translation>
    </message>
    <message>
        <source>Start vLLM with --chat-template and the model&apos;s Jinja template (from the original model&apos;s tokenizer_config.json, or vLLM&apos;s examples directory), or serve an instruct model that ships one.</source>
        <translation>Démarrez vLLM avec --chat-template et le modèle Jinja du modèle (issu du tokenizer_config.json du modèle d&apos;origine ou du répertoire examples de vLLM), ou servez un modèle instruct qui en fournit un.</translation>
    </message>
    <message>
        <source>This is a reasoning model: it refuses max_tokens and takes max_completion_tokens, while GitLab&apos;s AI gateway sends max_tokens with every request: &quot;{message}&quot;.</source>
        <translation>C&apos;est un modèle de raisonnement : il refuse max_tokens et attend max_completion_tokens, alors que la passerelle IA de GitLab envoie max_tokens à chaque requête : « {message} ».</translation>
    </message>
    <message>
        <source>Serve it through a LiteLLM proxy that knows it as a reasoning model (model: openai/&lt;model&gt; or azure/&lt;deployment&gt; in model_list), which then sends max_completion_tokens, with drop_params: true under litellm_settings; or choose a model that accepts max_tokens.</source>
        <translation>Servez-le via un proxy LiteLLM qui le connaît comme modèle de raisonnement (model: openai/&lt;model&gt; ou azure/&lt;deployment&gt; dans model_list) et envoie alors max_completion_tokens, avec drop_params: true sous litellm_settings ; ou choisissez un modèle qui accepte max_tokens.</translation>
    </message>
    <message>
        <source>The model refuses the temperature GitLab&apos;s AI gateway sends (reasoning models accept only their default): &quot;{message}&quot;.</source>
        <translation>Le modèle refuse la temperature qu&apos;envoie la passerelle IA de GitLab (les modèles de raisonnement n&apos;acceptent que leur valeur par défaut) : « {message} ».</translation>
    </message>
    <message>
        <source>Let the LiteLLM proxy drop what the model does not accept: drop_params: true under litellm_settings in its config (litellm.drop_params = True), then restart it; or choose a model that accepts a temperature.</source>
        <translation>Laissez le proxy LiteLLM retirer ce que le modèle n&apos;accepte pas : drop_params: true sous litellm_settings dans sa configuration (litellm.drop_params = True), puis redémarrez-le ; ou choisissez un modèle qui accepte une temperature.</translation>
    </message>
    <message>
        <source>vLLM runs without tool calling: &quot;{message}&quot;. Agentic Chat and Agent Platform flows send tools with tool_choice &quot;auto&quot; on every request.</source>
        <translation>vLLM tourne sans appels d&apos;outils : « {message} ». Agentic Chat et les flows de l&apos;Agent Platform envoient des outils avec tool_choice &quot;auto&quot; à chaque requête.</translation>
    </message>
    <message>
        <source>Restart vLLM with --enable-auto-tool-choice --tool-call-parser &lt;parser&gt; for this model: mistral for Mistral models, hermes for Qwen 2.5 and Hermes, llama3_json for Llama 3.1 to 3.3, granite for Granite. Some models also need --chat-template with their tool template.</source>
        <translation>Redémarrez vLLM avec --enable-auto-tool-choice --tool-call-parser &lt;parser&gt; pour ce modèle : mistral pour les modèles Mistral, hermes pour Qwen 2.5 et Hermes, llama3_json pour Llama 3.1 à 3.3, granite pour Granite. Certains modèles ont aussi besoin de --chat-template avec leur modèle d&apos;outils.</translation>
    </message>
    <message>
        <source>Ollama says the model cannot use tools: &quot;{message}&quot;. Its template has no tool support.</source>
        <translation>Ollama indique que le modèle ne sait pas utiliser d&apos;outils : « {message} ». Son modèle de prompt ne gère pas les outils.</translation>
    </message>
    <message>
        <source>Pull a model that supports tools in Ollama (ollama show &lt;model&gt; lists tools under Capabilities), such as llama3.1, qwen2.5 or mistral-nemo, and choose it for GitLab&apos;s self-hosted model.</source>
        <translation>Téléchargez un modèle qui gère les outils dans Ollama (ollama show &lt;model&gt; affiche tools sous Capabilities), par exemple llama3.1, qwen2.5 ou mistral-nemo, et choisissez-le pour le modèle auto-hébergé de GitLab.</translation>
    </message>
    <message>
        <source>llama.cpp&apos;s server runs without --jinja, so it cannot apply the model&apos;s tool template: &quot;{message}&quot;.</source>
        <translation>Le serveur de llama.cpp tourne sans --jinja et ne peut donc pas appliquer le modèle d&apos;outils du modèle : « {message} ».</translation>
    </message>
    <message>
        <source>Restart llama-server with --jinja (and --chat-template-file when the GGUF carries no tool template).</source>
        <translation>Redémarrez llama-server avec --jinja (et --chat-template-file quand le GGUF ne contient pas de modèle d&apos;outils).</translation>
    </message>
    <message>
        <source>The model tried to call the tool but wrote the call as text (&quot;{message}&quot;): vLLM has no tool parser for it, so Agentic Chat gets text where it expects tool_calls.</source>
        <translation>Le modèle a voulu appeler l&apos;outil mais a écrit l&apos;appel en texte (« {message} ») : vLLM n&apos;a pas d&apos;analyseur d&apos;outils pour lui, Agentic Chat reçoit donc du texte là où il attend des tool_calls.</translation>
    </message>
    <message>
        <source>Restart vLLM with --enable-auto-tool-choice --tool-call-parser &lt;parser&gt; matching the model: mistral for Mistral models, hermes for Qwen 2.5 and Hermes, llama3_json for Llama 3.1 to 3.3.</source>
        <translation>Redémarrez vLLM avec --enable-auto-tool-choice --tool-call-parser &lt;parser&gt; adapté au modèle : mistral pour les modèles Mistral, hermes pour Qwen 2.5 et Hermes, llama3_json pour Llama 3.1 à 3.3.</translation>
    </message>
    <message>
        <source>The model tried to call the tool but wrote the call as text (&quot;{message}&quot;): llama.cpp did not apply the model&apos;s tool template.</source>
        <translation>Le modèle a voulu appeler l&apos;outil mais a écrit l&apos;appel en texte (« {message} ») : llama.cpp n&apos;a pas appliqué le modèle d&apos;outils du modèle.</translation>
    </message>
    <message>
        <source>Restart llama-server with --jinja so it applies the model&apos;s tool template and parses its calls (and --chat-template-file when the GGUF has none).</source>
        <translation>Redémarrez llama-server avec --jinja pour qu&apos;il applique le modèle d&apos;outils du modèle et analyse ses appels (et --chat-template-file quand le GGUF n&apos;en a pas).</translation>
    </message>
    <message>
        <source>The model tried to call the tool but wrote the call as text (&quot;{message}&quot;): the server does not parse the model&apos;s tool calls.</source>
        <translation>Le modèle a voulu appeler l&apos;outil mais a écrit l&apos;appel en texte (« {message} ») : le serveur n&apos;analyse pas les appels d&apos;outils du modèle.</translation>
    </message>
    <message>
        <source>Turn on the server&apos;s tool-call parsing: vLLM --enable-auto-tool-choice --tool-call-parser &lt;parser&gt;; llama.cpp --jinja; Ollama a model that lists tools under Capabilities (ollama show &lt;model&gt;). A LiteLLM proxy passes on what the server behind it does.</source>
        <translation>Activez l&apos;analyse des appels d&apos;outils du serveur : vLLM --enable-auto-tool-choice --tool-call-parser &lt;parser&gt; ; llama.cpp --jinja ; Ollama un modèle qui affiche tools sous Capabilities (ollama show &lt;model&gt;). Un proxy LiteLLM transmet ce que fait le serveur derrière lui.</translation>
    </message>
    <message>
        <source>The model answered in prose and ignored the tool (&quot;{message}&quot;): Agentic Chat and flows cannot work with it.</source>
        <translation>Le modèle a répondu en prose et a ignoré l&apos;outil (« {message} ») : Agentic Chat et les flows ne peuvent pas fonctionner avec lui.</translation>
    </message>
    <message>
        <source>Use a model that calls tools in Ollama: ollama show &lt;model&gt; must list tools under Capabilities (llama3.1, qwen2.5, mistral-nemo); small models often ignore tools even then.</source>
        <translation>Utilisez un modèle qui appelle des outils dans Ollama : ollama show &lt;model&gt; doit afficher tools sous Capabilities (llama3.1, qwen2.5, mistral-nemo) ; les petits modèles ignorent souvent les outils malgré tout.</translation>
    </message>
    <message>
        <source>Serve a model trained for tool calling, with a chat template that handles tools, and turn on the server&apos;s tool parsing: vLLM --enable-auto-tool-choice --tool-call-parser &lt;parser&gt;, llama.cpp --jinja, Ollama a model that lists tools.</source>
        <translation>Servez un modèle entraîné aux appels d&apos;outils, avec un modèle de chat qui gère les outils, et activez l&apos;analyse des outils du serveur : vLLM --enable-auto-tool-choice --tool-call-parser &lt;parser&gt;, llama.cpp --jinja, Ollama un modèle qui affiche tools.</translation>
    </message>
    <message>
        <source>The stream ended before data: [DONE] ({message}). Duo Chat and Agentic Chat show half an answer or fail (A1002, A1003).</source>
        <translation>Le flux s&apos;est terminé avant data: [DONE] ({message}). Duo Chat et Agentic Chat affichent une demi-réponse ou échouent (A1002, A1003).</translation>
    </message>
    <message>
        <source>Look at the model server&apos;s log at this time (a crash or running out of GPU memory mid-answer). A proxy or load balancer in front must not cut long answers: nginx proxy_read_timeout, and the load balancer&apos;s idle timeout, at least as long as GitLab&apos;s AI gateway request timeout.</source>
        <translation>Consultez le journal du serveur de modèles à ce moment-là (un plantage ou un manque de mémoire GPU en pleine réponse). Un proxy ou un répartiteur de charge en amont ne doit pas couper les longues réponses : proxy_read_timeout de nginx et délai d&apos;inactivité du répartiteur au moins aussi longs que le délai de requête de la passerelle IA de GitLab.</translation>
    </message>
    <message>
        <source>The stream arrived in one burst: {message}. A proxy between here and the model server buffers it, so the gateway and Duo Chat wait for the whole answer (A1003 when that takes too long).</source>
        <translation>Le flux est arrivé d&apos;un seul coup : {message}. Un proxy entre ici et le serveur de modèles le met en tampon, la passerelle et Duo Chat attendent donc la réponse entière (A1003 quand cela dure trop).</translation>
    </message>
    <message>
        <source>Turn buffering off where the proxy forwards to the model server: nginx proxy_buffering off; (or the answer header X-Accel-Buffering: no), with a proxy_read_timeout as long as GitLab&apos;s AI gateway request timeout.</source>
        <translation>Désactivez la mise en tampon là où le proxy transmet au serveur de modèles : nginx proxy_buffering off; (ou l&apos;en-tête de réponse X-Accel-Buffering: no), avec un proxy_read_timeout aussi long que le délai de requête de la passerelle IA de GitLab.</translation>
    </message>
    <message>
        <source>Asked to stream (stream: true), the server answered with one JSON document instead of server-sent events; the gateway streams Duo Chat and Agentic Chat.</source>
        <translation>Invité à diffuser en flux (stream: true), le serveur a répondu par un seul document JSON au lieu de server-sent events ; la passerelle diffuse Duo Chat et Agentic Chat en flux.</translation>
    </message>
    <message>
        <source>Check that the endpoint is the model server&apos;s own /v1 and that no proxy in front rewrites its answers; the server itself must support stream: true.</source>
        <translation>Vérifiez que le point de terminaison est le /v1 du serveur de modèles lui-même et qu&apos;aucun proxy en amont ne réécrit ses réponses ; le serveur lui-même doit gérer stream: true.</translation>
    </message>
    <message>
        <source>GitLab stores the Agent Platform service address as {gitlab_agent_platform_url}: with http:// or https:// in front, GitLab&apos;s gRPC client cannot use it (the service is a host and a port, not a URL), so Agentic Chat and flows fail.</source>
        <translation>GitLab enregistre l&apos;adresse du service Agent Platform sous la forme {gitlab_agent_platform_url} : avec http:// ou https:// devant, le client gRPC de GitLab ne peut pas l&apos;utiliser (le service est un hôte et un port, pas une URL), donc Agentic Chat et les flows échouent.</translation>
    </message>
    <message>
        <source>Set it to {agent_platform_address}, without http:// or https://: Admin &gt; GitLab Duo &gt; Change configuration &gt; Local URL for the GitLab Duo Agent Platform service (or in the Rails console, below). TLS is chosen by the setting &quot;Use TLS for the GitLab Duo Agent Platform service&quot;, not by a scheme.</source>
        <translation>Définissez-la sur {agent_platform_address}, sans http:// ni https:// : Admin &gt; GitLab Duo &gt; Change configuration &gt; Local URL for the GitLab Duo Agent Platform service (ou dans la console Rails, ci-dessous). TLS se choisit avec le réglage &quot;Use TLS for the GitLab Duo Agent Platform service&quot;, pas avec un schéma.</translation>
    </message>
    <message>
        <source>GitLab&apos;s Agent Platform service address {gitlab_agent_platform_url} is not HOST:PORT, so GitLab cannot connect to the service.</source>
        <translation>L&apos;adresse du service Agent Platform dans GitLab, {gitlab_agent_platform_url}, n&apos;est pas HOST:PORT : GitLab ne peut donc pas se connecter au service.</translation>
    </message>
    <message>
        <source>Set it to the service&apos;s host and gRPC port, e.g. {agent_platform_address} (the service listens on 50052 by default): Admin &gt; GitLab Duo &gt; Change configuration &gt; Local URL for the GitLab Duo Agent Platform service.</source>
        <translation>Définissez-la sur l&apos;hôte et le port gRPC du service, par ex. {agent_platform_address} (le service écoute par défaut sur 50052) : Admin &gt; GitLab Duo &gt; Change configuration &gt; Local URL for the GitLab Duo Agent Platform service.</translation>
    </message>
    <message>
        <source>GitLab has no Agent Platform service address, yet {agent_features} are routed to a self-hosted model: Agentic Chat and flows have no service to run on.</source>
        <translation>GitLab n&apos;a pas d&apos;adresse pour le service Agent Platform, alors que {agent_features} sont acheminées vers un modèle auto-hébergé : Agentic Chat et les flows n&apos;ont pas de service où s&apos;exécuter.</translation>
    </message>
    <message>
        <source>Enter the service&apos;s HOST:PORT (the gateway host, port 50052 by default): Admin &gt; GitLab Duo &gt; Change configuration &gt; Local URL for the GitLab Duo Agent Platform service — or set those features to Disabled if you do not run the service.</source>
        <translation>Saisissez le HOST:PORT du service (l&apos;hôte du gateway, port 50052 par défaut) : Admin &gt; GitLab Duo &gt; Change configuration &gt; Local URL for the GitLab Duo Agent Platform service — ou réglez ces fonctions sur Disabled si vous n&apos;exploitez pas le service.</translation>
    </message>
    <message>
        <source>No runner is tagged gitlab--duo: Agent Platform flows (Code Review, Fix pipeline…) stay stuck at &quot;Starting job&quot; and Code Review fails with DCR4011.</source>
        <translation>Aucun runner n&apos;a le tag gitlab--duo : les flows de l&apos;Agent Platform (Code Review, Fix pipeline…) restent bloqués à &quot;Starting job&quot; et Code Review échoue avec DCR4011.</translation>
    </message>
    <message>
        <source>Create an instance (or top-level group) runner with the tag gitlab--duo in Admin &gt; CI/CD &gt; Runners &gt; New instance runner, then register it with the Docker or Kubernetes executor using the token GitLab shows (below; never the shell executor).</source>
        <translation>Créez un runner d&apos;instance (ou de groupe de premier niveau) avec le tag gitlab--duo dans Admin &gt; CI/CD &gt; Runners &gt; New instance runner, puis enregistrez-le avec le jeton qu&apos;affiche GitLab et l&apos;exécuteur Docker ou Kubernetes (ci-dessous ; jamais l&apos;exécuteur shell).</translation>
    </message>
    <message>
        <source>The runners tagged gitlab--duo use the {runner_executors} executor: flows run in a container image, so they need the Docker or Kubernetes executor.</source>
        <translation>Les runners avec le tag gitlab--duo utilisent l&apos;exécuteur {runner_executors} : les flows s&apos;exécutent dans une image de conteneur et ont donc besoin de l&apos;exécuteur Docker ou Kubernetes.</translation>
    </message>
    <message>
        <source>Register a runner tagged gitlab--duo with a Docker or Kubernetes executor (below), then remove the tag from the others.</source>
        <translation>Enregistrez un runner avec le tag gitlab--duo et un exécuteur Docker ou Kubernetes (ci-dessous), puis retirez le tag des autres.</translation>
    </message>
    <message>
        <source>The runners tagged gitlab--duo that could run flows are offline or paused: flows wait at &quot;Starting job&quot;.</source>
        <translation>Les runners avec le tag gitlab--duo qui pourraient exécuter les flows sont hors ligne ou en pause : les flows attendent à &quot;Starting job&quot;.</translation>
    </message>
    <message>
        <source>On the runner&apos;s host start it and check it reaches {gitlab_url} (below); unpause it in Admin &gt; CI/CD &gt; Runners.</source>
        <translation>Démarrez-le sur son hôte et vérifiez qu&apos;il atteint {gitlab_url} (ci-dessous) ; réactivez-le dans Admin &gt; CI/CD &gt; Runners.</translation>
    </message>
    <message>
        <source>An Agent Platform service is configured, but {agent_features} have no model: GitLab&apos;s health check does not pass and Code Review fails with DCR4005 until they have one.</source>
        <translation>Un service Agent Platform est configuré, mais {agent_features} n&apos;ont pas de modèle : le contrôle de santé de GitLab n&apos;aboutit pas et Code Review échoue avec DCR4005 tant qu&apos;elles n&apos;en ont pas.</translation>
    </message>
    <message>
        <source>Assign a model to {agent_features}: Admin &gt; GitLab Duo &gt; Self-hosted models &gt; AI-native features (choose {deployment_name}, or GitLab-managed with an online license).</source>
        <translation>Attribuez un modèle à {agent_features} : Admin &gt; GitLab Duo &gt; Self-hosted models &gt; AI-native features (choisissez {deployment_name}, ou GitLab-managed avec une licence en ligne).</translation>
    </message>
    <message>
        <source>The name {agent_platform_host} of the Agent Platform service address {agent_platform_address} does not resolve from this desktop.</source>
        <translation>Le nom {agent_platform_host} de l’adresse du service Agent Platform {agent_platform_address} ne se résout pas depuis ce poste.</translation>
    </message>
    <message>
        <source>Check the address for a typo. GitLab keeps it under Admin &gt; GitLab Duo &gt; Change configuration &gt; Local URL for the GitLab Duo Agent Platform service, as host:port without http:// (usually the gateway&apos;s host and port 50052); GitLab must resolve the name too.</source>
        <translation>Vérifiez l’adresse (faute de frappe ?). GitLab la garde sous Admin &gt; GitLab Duo &gt; Change configuration &gt; Local URL for the GitLab Duo Agent Platform service, sous la forme hôte:port sans http:// (en général l’hôte de la passerelle et le port 50052) ; GitLab doit lui aussi résoudre le nom.</translation>
    </message>
    <message>
        <source>Nothing accepts connections at {agent_platform_address}: the Agent Platform service is not running, its port is not published, or the address names another port (the service listens on 50052).</source>
        <translation>Rien n’accepte de connexion à {agent_platform_address} : le service Agent Platform ne tourne pas, son port n’est pas publié, ou l’adresse désigne un autre port (le service écoute sur 50052).</translation>
    </message>
    <message>
        <source>Start the gateway container with the service&apos;s port published (-p 50052:50052 beside -p 5052:5052) and read its log for the service&apos;s start; then make GitLab&apos;s Agent Platform service address {agent_platform_host}:50052 (Admin &gt; GitLab Duo &gt; Change configuration).</source>
        <translation>Démarrez le conteneur de la passerelle avec le port du service publié (-p 50052:50052 à côté de -p 5052:5052) et lisez dans son journal le démarrage du service ; puis réglez l’adresse du service Agent Platform dans GitLab sur {agent_platform_host}:50052 (Admin &gt; GitLab Duo &gt; Change configuration).</translation>
    </message>
    <message>
        <source>No answer from {agent_platform_address} within {timeout} s: a firewall drops the traffic to the service&apos;s port, or the service hangs.</source>
        <translation>Pas de réponse de {agent_platform_address} en {timeout} s : un pare-feu rejette le trafic vers le port du service, ou le service est bloqué.</translation>
    </message>
    <message>
        <source>Open the service&apos;s port ({agent_platform_port}) between this desktop (and GitLab) and {agent_platform_host}, then read the gateway container&apos;s log.</source>
        <translation>Ouvrez le port du service ({agent_platform_port}) entre ce poste (et GitLab) et {agent_platform_host}, puis lisez le journal du conteneur de la passerelle.</translation>
    </message>
    <message>
        <source>{agent_platform_address} answers in HTTP/1 (&quot;{message}&quot;): it is an HTTP port — the AI gateway&apos;s own (5052) — not the Agent Platform service, which speaks gRPC over HTTP/2 on 50052. GitLab&apos;s gRPC client fails there (&quot;Trying to connect an http1.x server&quot;).</source>
        <translation>{agent_platform_address} répond en HTTP/1 (« {message} ») : c’est un port HTTP — celui de l’AI Gateway lui-même (5052) —, pas le service Agent Platform, qui parle gRPC sur HTTP/2 sur 50052. Le client gRPC de GitLab y échoue (« Trying to connect an http1.x server »).</translation>
    </message>
    <message>
        <source>Set the Agent Platform service address to the service&apos;s port, e.g. {agent_platform_host}:50052, in GitLab (Admin &gt; GitLab Duo &gt; Change configuration &gt; Local URL for the GitLab Duo Agent Platform service) and here (--agent-platform); keep the AI gateway URL on 5052.</source>
        <translation>Réglez l’adresse du service Agent Platform sur le port du service, p. ex. {agent_platform_host}:50052, dans GitLab (Admin &gt; GitLab Duo &gt; Change configuration &gt; Local URL for the GitLab Duo Agent Platform service) et ici (--agent-platform) ; l’URL de l’AI Gateway reste sur 5052.</translation>
    </message>
    <message>
        <source>{agent_platform_address} accepts connections but speaks neither HTTP/2, TLS nor HTTP/1 (it sent: {message}): another service listens there, or something in between swallows the connection.</source>
        <translation>{agent_platform_address} accepte les connexions mais ne parle ni HTTP/2, ni TLS, ni HTTP/1 (reçu : {message}) : un autre service écoute là, ou quelque chose entre les deux avale la connexion.</translation>
    </message>
    <message>
        <source>Check that the address is the Agent Platform service&apos;s (the gateway container&apos;s port 50052) and that no load balancer or proxy that does not speak HTTP/2 sits in front of it.</source>
        <translation>Vérifiez que l’adresse est celle du service Agent Platform (port 50052 du conteneur de la passerelle) et qu’aucun répartiteur de charge ou proxy ne parlant pas HTTP/2 ne se trouve devant.</translation>
    </message>
    <message>
        <source>The Agent Platform service at {agent_platform_address} speaks TLS (DUO_WORKFLOW_TLS__ENABLED=true), but GitLab connects to it in plain text (&quot;Use TLS for Duo Agent Platform service&quot; is off): GitLab&apos;s gRPC calls fail (&quot;Socket closed&quot;).</source>
        <translation>Le service Agent Platform à {agent_platform_address} parle TLS (DUO_WORKFLOW_TLS__ENABLED=true), mais GitLab s’y connecte en clair (« Use TLS for Duo Agent Platform service » est désactivé) : les appels gRPC de GitLab échouent (« Socket closed »).</translation>
    </message>
    <message>
        <source>Make both sides agree. Either turn on &quot;Use TLS for Duo Agent Platform service&quot; (Admin &gt; GitLab Duo &gt; Change configuration) and let GitLab trust the service&apos;s certificate (/etc/gitlab/trusted-certs/, then sudo gitlab-ctl reconfigure), or run the service in plain text: recreate the gateway container without DUO_WORKFLOW_TLS__ENABLED=true.</source>
        <translation>Mettez les deux côtés d’accord. Soit activez « Use TLS for Duo Agent Platform service » (Admin &gt; GitLab Duo &gt; Change configuration) et faites confiance au certificat du service dans GitLab (/etc/gitlab/trusted-certs/, puis sudo gitlab-ctl reconfigure), soit faites tourner le service en clair : recréez le conteneur de la passerelle sans DUO_WORKFLOW_TLS__ENABLED=true.</translation>
    </message>
    <message>
        <source>The Agent Platform service at {agent_platform_address} speaks plain text (DUO_WORKFLOW_TLS__ENABLED is not true), but GitLab connects to it with TLS (&quot;Use TLS for Duo Agent Platform service&quot; is on): GitLab&apos;s handshake fails (&quot;wrong version number&quot;).</source>
        <translation>Le service Agent Platform à {agent_platform_address} parle en clair (DUO_WORKFLOW_TLS__ENABLED n’est pas true), mais GitLab s’y connecte avec TLS (« Use TLS for Duo Agent Platform service » est activé) : la négociation de GitLab échoue (« wrong version number »).</translation>
    </message>
    <message>
        <source>Make both sides agree. Either turn off &quot;Use TLS for Duo Agent Platform service&quot; (Admin &gt; GitLab Duo &gt; Change configuration; DUO_AGENT_PLATFORM_SERVICE_SECURE=false on older versions), or give the service TLS: recreate the gateway container with -e DUO_WORKFLOW_TLS__ENABLED=true and -e DUO_WORKFLOW_TLS__CERT_FILE=&lt;certificate in the container&gt; (and its key).</source>
        <translation>Mettez les deux côtés d’accord. Soit désactivez « Use TLS for Duo Agent Platform service » (Admin &gt; GitLab Duo &gt; Change configuration ; DUO_AGENT_PLATFORM_SERVICE_SECURE=false sur les versions plus anciennes), soit donnez TLS au service : recréez le conteneur de la passerelle avec -e DUO_WORKFLOW_TLS__ENABLED=true et -e DUO_WORKFLOW_TLS__CERT_FILE=&lt;certificat dans le conteneur&gt; (et sa clé).</translation>
    </message>
    <message>
        <source>The Agent Platform service at {agent_platform_address} answers, but its gRPC health check says {message}: it runs without what it needs (its JWT signing keys, GitLab&apos;s keys, an offline license&apos;s customer-portal URL) and refuses work.</source>
        <translation>Le service Agent Platform à {agent_platform_address} répond, mais son contrôle de santé gRPC indique {message} : il lui manque ce dont il a besoin (ses clés de signature JWT, les clés de GitLab, l’URL du portail client d’une licence hors ligne) et il refuse le travail.</translation>
    </message>
    <message>
        <source>Read the service&apos;s lines in the gateway container&apos;s log. Check DUO_WORKFLOW_SELF_SIGNED_JWT__SIGNING_KEY and DUO_WORKFLOW_SELF_SIGNED_JWT__VALIDATION_KEY, DUO_WORKFLOW_AUTH__ENABLED, and for an offline license DUO_WORKFLOW_AUTH__OIDC_CUSTOMER_PORTAL_URL={gitlab_url}; then restart the container.</source>
        <translation>Lisez les lignes du service dans le journal du conteneur de la passerelle. Vérifiez DUO_WORKFLOW_SELF_SIGNED_JWT__SIGNING_KEY et DUO_WORKFLOW_SELF_SIGNED_JWT__VALIDATION_KEY, DUO_WORKFLOW_AUTH__ENABLED et, pour une licence hors ligne, DUO_WORKFLOW_AUTH__OIDC_CUSTOMER_PORTAL_URL={gitlab_url} ; puis redémarrez le conteneur.</translation>
    </message>
    <message>
        <source>{agent_platform_address} speaks gRPC but registers no standard health service (grpc.health.v1.Health answers UNIMPLEMENTED), so its health cannot be read from here. It is reachable, which is what GitLab needs first.</source>
        <translation>{agent_platform_address} parle gRPC mais n’enregistre pas de service de santé standard (grpc.health.v1.Health répond UNIMPLEMENTED) : son état ne peut pas être lu d’ici. Il est joignable, ce dont GitLab a besoin d’abord.</translation>
    </message>
    <message>
        <source>Nothing to change while Agentic Chat and flows work. Otherwise check that the address is the gateway image&apos;s Agent Platform service (a current self-hosted-v&lt;version&gt;-ee image), and read its log.</source>
        <translation>Rien à changer tant qu’Agentic Chat et les flows fonctionnent. Sinon, vérifiez que l’adresse est celle du service Agent Platform de l’image de la passerelle (une image self-hosted-v&lt;version&gt;-ee récente) et lisez son journal.</translation>
    </message>
    <message>
        <source>The health call came back over HTTP/1.1 (through {proxy}): something between this desktop and {agent_platform_address} does not pass HTTP/2 — a TLS-inspecting proxy (Zscaler, Netskope) or a load balancer — and gRPC needs HTTP/2 end to end.</source>
        <translation>L’appel de santé est revenu en HTTP/1.1 (via {proxy}) : quelque chose entre ce poste et {agent_platform_address} ne laisse pas passer HTTP/2 — un proxy qui inspecte TLS (Zscaler, Netskope) ou un répartiteur de charge —, et gRPC a besoin de HTTP/2 de bout en bout.</translation>
    </message>
    <message>
        <source>Let HTTP/2 through to {agent_platform_host}: exempt it from TLS inspection, add it to no_proxy, or configure the load balancer for gRPC (HTTP/2 to the backend).</source>
        <translation>Laissez passer HTTP/2 vers {agent_platform_host} : exemptez-le de l’inspection TLS, ajoutez-le à no_proxy, ou configurez le répartiteur de charge pour gRPC (HTTP/2 vers le backend).</translation>
    </message>
    <message>
        <source>{agent_platform_address} answers HTTP/2 (HTTP {http_status}), but not with gRPC: another HTTP/2 server or a proxy answers there.</source>
        <translation>{agent_platform_address} répond en HTTP/2 (HTTP {http_status}), mais pas en gRPC : un autre serveur HTTP/2 ou un proxy y répond.</translation>
    </message>
    <message>
        <source>Point the address at the Agent Platform service itself (the gateway container&apos;s port 50052), past any web server.</source>
        <translation>Faites pointer l’adresse sur le service Agent Platform lui-même (port 50052 du conteneur de la passerelle), sans passer par un serveur web.</translation>
    </message>
    <message>
        <source>The service failed the health call with gRPC status {grpc_status}: &quot;{message}&quot;.</source>
        <translation>Le service a fait échouer l’appel de santé avec le statut gRPC {grpc_status} : « {message} ».</translation>
    </message>
    <message>
        <source>Read the service&apos;s lines in the gateway container&apos;s log at the time of this check.</source>
        <translation>Lisez les lignes du service dans le journal du conteneur de la passerelle au moment de ce contrôle.</translation>
    </message>
    <message>
        <source>GitLab answered HTTP {http_status} instead of 101 Switching Protocols: a proxy or load balancer in front of GitLab dropped the Upgrade and Connection headers, so Agentic Chat and flows cannot open their WebSocket (the IDE sees close 1006).</source>
        <translation>GitLab a répondu HTTP {http_status} au lieu de 101 Switching Protocols : un proxy ou un répartiteur de charge devant GitLab a supprimé les en-têtes Upgrade et Connection ; Agentic Chat et les flows ne peuvent pas ouvrir leur WebSocket (l’IDE voit une fermeture 1006).</translation>
    </message>
    <message>
        <source>In the proxy&apos;s location for {gitlab_url} (nginx): proxy_http_version 1.1; proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection &quot;upgrade&quot;; — then reload it. Other load balancers (HAProxy, an AWS ALB, a Kubernetes ingress) must allow WebSockets on /api/v4/ai/duo_workflows/ws too.</source>
        <translation>Dans la location du proxy pour {gitlab_url} (nginx) : proxy_http_version 1.1; proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection &quot;upgrade&quot;; — puis rechargez-le. Les autres répartiteurs de charge (HAProxy, un ALB AWS, un ingress Kubernetes) doivent aussi autoriser les WebSockets sur /api/v4/ai/duo_workflows/ws.</translation>
    </message>
    <message>
        <source>Something answered the WebSocket handshake with 101 but a wrong Sec-WebSocket-Accept (&quot;{message}&quot;): not GitLab, but a proxy in between that answers upgrades itself.</source>
        <translation>Quelque chose a répondu à la négociation WebSocket par 101 mais avec un Sec-WebSocket-Accept erroné (« {message} ») : pas GitLab, mais un proxy intermédiaire qui répond lui-même aux upgrades.</translation>
    </message>
    <message>
        <source>Let the proxy in front of {gitlab_url} pass the handshake through unchanged (nginx: proxy_http_version 1.1; proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection &quot;upgrade&quot;;).</source>
        <translation>Laissez le proxy devant {gitlab_url} transmettre la négociation telle quelle (nginx : proxy_http_version 1.1; proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection &quot;upgrade&quot;;).</translation>
    </message>
    <message>
        <source>GitLab opened the WebSocket and closed it right away with code {close_code} (1000 is a normal close; 1006 means the connection just ended): GitLab could not start the session — a proxy&apos;s idle or read timeout, or GitLab failing to reach the Agent Platform service.</source>
        <translation>GitLab a ouvert le WebSocket et l’a refermé aussitôt avec le code {close_code} (1000 est une fermeture normale ; 1006 signifie que la connexion s’est simplement terminée) : GitLab n’a pas pu démarrer la session — délai d’inactivité ou de lecture d’un proxy, ou GitLab n’atteint pas le service Agent Platform.</translation>
    </message>
    <message>
        <source>Read GitLab&apos;s log for /api/v4/ai/duo_workflows/ws at this time (sudo gitlab-ctl tail gitlab-workhorse), check the Agent Platform service checks, and give proxies in front of GitLab a proxy_read_timeout of several minutes.</source>
        <translation>Lisez le journal de GitLab pour /api/v4/ai/duo_workflows/ws à ce moment (sudo gitlab-ctl tail gitlab-workhorse), regardez les contrôles du service Agent Platform, et donnez aux proxys devant GitLab un proxy_read_timeout de plusieurs minutes.</translation>
    </message>
    <message>
        <source>The token may not open the Agent Platform WebSocket: it needs the api scope (or ai_workflows), so this was not checked.</source>
        <translation>Le jeton ne peut pas ouvrir le WebSocket de l’Agent Platform : il lui faut la portée api (ou ai_workflows) ; ce point n’a donc pas été vérifié.</translation>
    </message>
    <message>
        <source>Run again with a personal access token that has the api scope ({gitlab_url}/-/user_settings/personal_access_tokens).</source>
        <translation>Relancez avec un jeton d’accès personnel doté de la portée api ({gitlab_url}/-/user_settings/personal_access_tokens).</translation>
    </message>
    <message>
        <source>GitLab refused the token on the WebSocket (HTTP 401) although the API accepted it: a proxy in front of GitLab strips the token or cookies from upgrade requests.</source>
        <translation>GitLab a refusé le jeton sur le WebSocket (HTTP 401) alors que l’API l’a accepté : un proxy devant GitLab retire le jeton ou les cookies des requêtes d’upgrade.</translation>
    </message>
    <message>
        <source>Let the proxy in front of {gitlab_url} forward the Authorization and PRIVATE-TOKEN headers and cookies on /api/v4/ai/duo_workflows/ws, as on every API path.</source>
        <translation>Faites transmettre par le proxy devant {gitlab_url} les en-têtes Authorization et PRIVATE-TOKEN ainsi que les cookies sur /api/v4/ai/duo_workflows/ws, comme sur tout chemin de l’API.</translation>
    </message>
    <message>
        <source>GitLab refuses {gitlab_username} the Agent Platform WebSocket (HTTP 403): no GitLab Duo seat, the Agent Platform (flows, Agentic Chat) turned off, or — behind a proxy — an Origin the proxy changed.</source>
        <translation>GitLab refuse le WebSocket de l’Agent Platform à {gitlab_username} (HTTP 403) : pas de siège GitLab Duo, l’Agent Platform (flows, Agentic Chat) désactivée, ou — derrière un proxy — un Origin modifié par le proxy.</translation>
    </message>
    <message>
        <source>Assign {gitlab_username} a GitLab Duo seat (Admin &gt; GitLab Duo &gt; Seat utilization) and turn the GitLab Duo Agent Platform on (Admin &gt; GitLab Duo &gt; Change configuration); a proxy must pass Host and Origin unchanged.</source>
        <translation>Attribuez un siège GitLab Duo à {gitlab_username} (Admin &gt; GitLab Duo &gt; Seat utilization) et activez la GitLab Duo Agent Platform (Admin &gt; GitLab Duo &gt; Change configuration) ; un proxy doit transmettre Host et Origin sans les modifier.</translation>
    </message>
    <message>
        <source>GitLab {gitlab_version} has no Agent Platform WebSocket yet (self-managed GitLab has it from 18.2): nothing to check.</source>
        <translation>GitLab {gitlab_version} n’a pas encore de WebSocket pour l’Agent Platform (GitLab autogéré l’a depuis 18.2) : rien à vérifier.</translation>
    </message>
    <message>
        <source>Nothing to do for GitLab {gitlab_version}. Agentic Chat and flows on self-managed GitLab need 18.2 or later.</source>
        <translation>Rien à faire pour GitLab {gitlab_version}. Agentic Chat et les flows nécessitent GitLab autogéré 18.2 ou plus récent.</translation>
    </message>
    <message>
        <source>GitLab {gitlab_version} answers 404 on /api/v4/ai/duo_workflows/ws: the GitLab Duo Agent Platform is turned off, or a proxy sends the path somewhere else.</source>
        <translation>GitLab {gitlab_version} répond 404 sur /api/v4/ai/duo_workflows/ws : la GitLab Duo Agent Platform est désactivée, ou un proxy envoie ce chemin ailleurs.</translation>
    </message>
    <message>
        <source>If you use Agentic Chat or flows: turn the GitLab Duo Agent Platform on (Admin &gt; GitLab Duo &gt; Change configuration) and make the proxy in front of {gitlab_url} route /api/v4/ to GitLab.</source>
        <translation>Si vous utilisez Agentic Chat ou des flows : activez la GitLab Duo Agent Platform (Admin &gt; GitLab Duo &gt; Change configuration) et faites router /api/v4/ vers GitLab par le proxy devant {gitlab_url}.</translation>
    </message>
    <message>
        <source>The Azure endpoint {model_endpoint} already ends in /openai/…: the gateway (LiteLLM) appends /openai/deployments/&lt;deployment&gt;/chat/completions itself, so the path doubles and Azure answers 404.</source>
        <translation>Le point de terminaison Azure {model_endpoint} se termine déjà par /openai/… : la passerelle (LiteLLM) ajoute elle-même /openai/deployments/&lt;deployment&gt;/chat/completions, le chemin est doublé et Azure répond 404.</translation>
    </message>
    <message>
        <source>Use the resource URL {corrected_endpoint} as the endpoint, here and in GitLab&apos;s self-hosted model {deployment_name}.</source>
        <translation>Utilisez l&apos;URL de la ressource {corrected_endpoint} comme point de terminaison, ici et dans le modèle auto-hébergé {deployment_name} de GitLab.</translation>
    </message>
    <message>
        <source>{azure_api_version} is not an Azure OpenAI api-version: those are dates such as {default_api_version} (a model&apos;s version, such as 0613, is something else).</source>
        <translation>{azure_api_version} n&apos;est pas une api-version d&apos;Azure OpenAI : ce sont des dates comme {default_api_version} (la version d&apos;un modèle, comme 0613, est autre chose).</translation>
    </message>
    <message>
        <source>Pass a GA api-version with --azure-api-version (for example {default_api_version}) and set the same in the gateway&apos;s AZURE_API_VERSION.</source>
        <translation>Indiquez une api-version GA avec --azure-api-version (par exemple {default_api_version}) et la même dans AZURE_API_VERSION de la passerelle.</translation>
    </message>
    <message>
        <source>An Azure identifier names the deployment after azure/; this one names none.</source>
        <translation>Un identifiant Azure nomme le déploiement après azure/ ; celui-ci n&apos;en nomme aucun.</translation>
    </message>
    <message>
        <source>Use azure/&lt;deployment name&gt;, the name of the deployment in Azure AI Foundry (Deployments), not the model&apos;s name.</source>
        <translation>Utilisez azure/&lt;nom du déploiement&gt;, le nom du déploiement dans Azure AI Foundry (Deployments), pas le nom du modèle.</translation>
    </message>
    <message>
        <source>Bedrock serves {bedrock_model} only through an inference profile: by its bare id AWS answers &quot;Invocation of model ID … with on-demand throughput isn&apos;t supported&quot;.</source>
        <translation>Bedrock ne sert {bedrock_model} que par un profil d&apos;inférence : avec l&apos;identifiant nu, AWS répond « Invocation of model ID … with on-demand throughput isn&apos;t supported ».</translation>
    </message>
    <message>
        <source>Use the inference profile&apos;s id as the identifier: {suggested_identifier} (us. for US regions; eu., apac. or global. elsewhere), in GitLab&apos;s self-hosted model {deployment_name}.</source>
        <translation>Utilisez l&apos;identifiant du profil d&apos;inférence : {suggested_identifier} (us. pour les régions américaines ; eu., apac. ou global. ailleurs), dans le modèle auto-hébergé {deployment_name} de GitLab.</translation>
    </message>
    <message>
        <source>bedrock/converse/ names an application inference profile by its ARN; {model_identifier} does not end in one.</source>
        <translation>bedrock/converse/ désigne un profil d&apos;inférence d&apos;application par son ARN ; {model_identifier} ne se termine pas par un ARN.</translation>
    </message>
    <message>
        <source>Use bedrock/converse/arn:aws:bedrock:&lt;region&gt;:&lt;account&gt;:application-inference-profile/&lt;id&gt; (aws bedrock list-inference-profiles --type-equals APPLICATION shows the ARN), or bedrock/&lt;model or inference-profile id&gt;.</source>
        <translation>Utilisez bedrock/converse/arn:aws:bedrock:&lt;region&gt;:&lt;account&gt;:application-inference-profile/&lt;id&gt; (aws bedrock list-inference-profiles --type-equals APPLICATION affiche l&apos;ARN), ou bedrock/&lt;identifiant du modèle ou du profil d&apos;inférence&gt;.</translation>
    </message>
    <message>
        <source>GitLab&apos;s own connection check tests a Bedrock model against a placeholder URL and can fail while Bedrock works: &quot;{message}&quot;.</source>
        <translation>La vérification de connexion de GitLab teste un modèle Bedrock avec une URL fictive et peut échouer alors que Bedrock fonctionne : « {message} ».</translation>
    </message>
    <message>
        <source>Judge Bedrock by gateway.model_request and gitlab.code_suggestions instead; this answer alone is no fault.</source>
        <translation>Jugez Bedrock plutôt d&apos;après gateway.model_request et gitlab.code_suggestions ; cette réponse seule n&apos;est pas une panne.</translation>
    </message>
    <message>
        <source>Bedrock serves this model only through an inference profile, and the identifier {model_identifier} names it by its bare id: &quot;{message}&quot;.</source>
        <translation>Bedrock ne sert ce modèle que par un profil d&apos;inférence, et l&apos;identifiant {model_identifier} le désigne par son identifiant nu : « {message} ».</translation>
    </message>
    <message>
        <source>Put the inference profile&apos;s id in the identifier: bedrock/us.&lt;model id&gt; (eu., apac. or global. outside the US), in GitLab&apos;s self-hosted model {deployment_name}; aws bedrock list-inference-profiles lists them.</source>
        <translation>Mettez l&apos;identifiant du profil d&apos;inférence dans l&apos;identifiant : bedrock/us.&lt;identifiant du modèle&gt; (eu., apac. ou global. hors des États-Unis), dans le modèle auto-hébergé {deployment_name} de GitLab ; aws bedrock list-inference-profiles les liste.</translation>
    </message>
    <message>
        <source>AWS refuses Anthropic&apos;s models to this account until its use case is described: &quot;{message}&quot;.</source>
        <translation>AWS refuse les modèles d&apos;Anthropic à ce compte tant que son cas d&apos;usage n&apos;est pas décrit : « {message} ».</translation>
    </message>
    <message>
        <source>In the Bedrock console (Model catalog or Model access, an Anthropic model) submit the use case details form, then wait about 15 minutes before testing again.</source>
        <translation>Dans la console Bedrock (Model catalog ou Model access, un modèle Anthropic), envoyez le formulaire du cas d&apos;usage, puis attendez environ 15 minutes avant de tester à nouveau.</translation>
    </message>
    <message>
        <source>The gateway has no AWS credentials or no region to call Bedrock with: &quot;{message}&quot;.</source>
        <translation>La passerelle n&apos;a pas d&apos;identifiants AWS ou pas de région pour appeler Bedrock : « {message} ».</translation>
    </message>
    <message>
        <source>Give the gateway container AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or an instance role / IRSA, or AWS_BEARER_TOKEN_BEDROCK) and a region: AWS_REGION or AWS_REGION_NAME, either is read. Then recreate the container.</source>
        <translation>Donnez au conteneur de la passerelle AWS_ACCESS_KEY_ID et AWS_SECRET_ACCESS_KEY (ou un rôle d&apos;instance / IRSA, ou AWS_BEARER_TOKEN_BEDROCK) et une région : AWS_REGION ou AWS_REGION_NAME, les deux sont lues. Puis recréez le conteneur.</translation>
    </message>
    <message>
        <source>AWS refuses the gateway&apos;s identity the Bedrock call (IAM): &quot;{message}&quot;.</source>
        <translation>AWS refuse l&apos;appel Bedrock à l&apos;identité de la passerelle (IAM) : « {message} ».</translation>
    </message>
    <message>
        <source>Allow bedrock:InvokeModel and bedrock:InvokeModelWithResponseStream to the gateway&apos;s IAM user or role, on the model and, for an inference profile, on the profile and the model in each of its regions.</source>
        <translation>Autorisez bedrock:InvokeModel et bedrock:InvokeModelWithResponseStream pour l&apos;utilisateur ou le rôle IAM de la passerelle, sur le modèle et, pour un profil d&apos;inférence, sur le profil et le modèle dans chacune de ses régions.</translation>
    </message>
    <message>
        <source>The gateway could not assume the IAM role set for this model (HTTP 422): &quot;{message}&quot;.</source>
        <translation>La passerelle n&apos;a pas pu assumer le rôle IAM défini pour ce modèle (HTTP 422) : « {message} ».</translation>
    </message>
    <message>
        <source>Let the gateway&apos;s identity assume that role (sts:AssumeRole in its policy, the gateway&apos;s principal in the role&apos;s trust policy), or clear the model&apos;s IAM role in GitLab.</source>
        <translation>Permettez à l&apos;identité de la passerelle d&apos;assumer ce rôle (sts:AssumeRole dans sa stratégie, le principal de la passerelle dans la stratégie d&apos;approbation du rôle), ou retirez le rôle IAM du modèle dans GitLab.</translation>
    </message>
    <message>
        <source>Bedrock throttled the request (the account&apos;s quota for this model): &quot;{message}&quot;.</source>
        <translation>Bedrock a limité la requête (le quota du compte pour ce modèle) : « {message} ».</translation>
    </message>
    <message>
        <source>Try again later; for lasting load use a cross-region inference profile (us., eu., apac., global.) or ask AWS for a higher quota (Service Quotas &gt; Amazon Bedrock).</source>
        <translation>Réessayez plus tard ; pour une charge durable, utilisez un profil d&apos;inférence interrégional (us., eu., apac., global.) ou demandez à AWS un quota plus élevé (Service Quotas &gt; Amazon Bedrock).</translation>
    </message>
    <message>
        <source>Azure has no deployment named as {model_identifier} says: the identifier names a model, or a deployment that does not exist (yet).</source>
        <translation>Azure n&apos;a pas de déploiement nommé comme l&apos;indique {model_identifier} : l&apos;identifiant nomme un modèle, ou un déploiement qui n&apos;existe pas (encore).</translation>
    </message>
    <message>
        <source>Use azure/&lt;deployment name&gt;: the name under Deployments in Azure AI Foundry, not the model&apos;s name. A deployment created in the last 5 minutes may not answer yet.</source>
        <translation>Utilisez azure/&lt;nom du déploiement&gt; : le nom sous Deployments dans Azure AI Foundry, pas le nom du modèle. Un déploiement créé dans les 5 dernières minutes peut ne pas encore répondre.</translation>
    </message>
    <message>
        <source>Azure rejected the gateway&apos;s key, or the endpoint is not the resource&apos;s: &quot;{message}&quot;.</source>
        <translation>Azure a rejeté la clé de la passerelle, ou le point de terminaison n&apos;est pas celui de la ressource : « {message} ».</translation>
    </message>
    <message>
        <source>Copy Key 1 of the Azure OpenAI resource (Keys and Endpoint) into GitLab&apos;s self-hosted model {deployment_name} (or AZURE_API_KEY in the gateway) and use the resource&apos;s own endpoint, https://&lt;resource&gt;.openai.azure.com.</source>
        <translation>Copiez Key 1 de la ressource Azure OpenAI (Keys and Endpoint) dans le modèle auto-hébergé {deployment_name} de GitLab (ou AZURE_API_KEY dans la passerelle) et utilisez le point de terminaison de la ressource, https://&lt;resource&gt;.openai.azure.com.</translation>
    </message>
    <message>
        <source>Azure does not support the api-version asked for: &quot;{message}&quot;.</source>
        <translation>Azure ne prend pas en charge l&apos;api-version demandée : « {message} ».</translation>
    </message>
    <message>
        <source>Use a current GA api-version such as 2024-10-21 (--azure-api-version here, AZURE_API_VERSION in the gateway); a model&apos;s version (0613, 2024-08-06) is not an api-version.</source>
        <translation>Utilisez une api-version GA actuelle comme 2024-10-21 (ici --azure-api-version, AZURE_API_VERSION dans la passerelle) ; la version d&apos;un modèle (0613, 2024-08-06) n&apos;est pas une api-version.</translation>
    </message>
    <message>
        <source>The model {model_identifier} runs on AWS Bedrock, but the gateway container has no AWS credentials and no region in its environment: unless an instance role supplies both, the gateway cannot call Bedrock.</source>
        <translation>Le modèle {model_identifier} tourne sur AWS Bedrock, mais l’environnement du conteneur de la passerelle ne contient ni identifiants AWS ni région : sauf si un rôle d’instance fournit les deux, la passerelle ne peut pas appeler Bedrock.</translation>
    </message>
    <message>
        <source>Give the gateway AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or an instance role, IRSA, or AWS_BEARER_TOKEN_BEDROCK) and a region as AWS_REGION or AWS_REGION_NAME; behind a VPC endpoint also AWS_BEDROCK_RUNTIME_ENDPOINT. Recreate the container with them.</source>
        <translation>Donnez à la passerelle AWS_ACCESS_KEY_ID et AWS_SECRET_ACCESS_KEY (ou un rôle d’instance, IRSA ou AWS_BEARER_TOKEN_BEDROCK) et une région via AWS_REGION ou AWS_REGION_NAME ; derrière un point de terminaison VPC, aussi AWS_BEDROCK_RUNTIME_ENDPOINT. Recréez le conteneur avec ces variables.</translation>
    </message>
    <message>
        <source>Azure rejected the key this desktop sent as api-key, or the endpoint is not the resource&apos;s: &quot;{message}&quot;.</source>
        <translation>Azure a refusé la clé envoyée par ce poste comme api-key, ou le point de terminaison n’est pas celui de la ressource : « {message} ».</translation>
    </message>
    <message>
        <source>Use Key 1 or Key 2 of the Azure OpenAI resource (Keys and Endpoint) here and on GitLab&apos;s self-hosted model {deployment_name}, with that resource&apos;s own endpoint, https://&lt;resource&gt;.openai.azure.com.</source>
        <translation>Utilisez Key 1 ou Key 2 de la ressource Azure OpenAI (Clés et point de terminaison) ici et dans le modèle auto-hébergé {deployment_name} de GitLab, avec le point de terminaison propre à cette ressource, https://&lt;resource&gt;.openai.azure.com.</translation>
    </message>
</context>
<context>
    <name>duo::app::Analyze</name>
    <message>
        <source>analyze: cannot read %1: %2</source>
        <translation>analyze : impossible de lire %1 : %2</translation>
    </message>
    <message>
        <source>Finds known failures in a log or a tool's output: GitLab's llm.log, the AI gateway's log, docker errors, Duo Chat error codes, the output of gitlab-rake gitlab:duo:verify_self_hosted_setup or of the gateway's troubleshooting script. Secrets in the text are redacted before anything is shown or written.
Exit codes: 0 nothing failed found, 1 a failure found, 2 bad input.</source>
        <translation>Trouve les échecs connus dans un journal ou la sortie d'un outil : le llm.log de GitLab, le journal de la passerelle IA, les erreurs docker, les codes d'erreur de Duo Chat, la sortie de gitlab-rake gitlab:duo:verify_self_hosted_setup ou du script de dépannage de la passerelle. Les secrets du texte sont caviardés avant tout affichage ou écriture.
Codes de sortie : 0 aucun échec trouvé, 1 un échec trouvé, 2 entrée invalide.</translation>
    </message>
    <message>
        <source>The text to read, or - for standard input.</source>
        <translation>Le texte à lire, ou - pour l'entrée standard.</translation>
    </message>
    <message>
        <source>Output on stdout: text or json.</source>
        <translation>Sortie sur stdout : text ou json.</translation>
    </message>
    <message>
        <source>Also write the result to FILE (.json or .txt).</source>
        <translation>Écrire aussi le résultat dans FICHIER (.json ou .txt).</translation>
    </message>
    <message>
        <source>Fill the fixes with the URLs and names of the saved profile NAME.</source>
        <translation>Remplir les corrections avec les URL et les noms du profil enregistré NOM.</translation>
    </message>
    <message>
        <source>analyze: name one file, or - for standard input.</source>
        <translation>analyze : indiquez un fichier, ou - pour l'entrée standard.</translation>
    </message>
    <message>
        <source>--format: "%1" is not text or json.</source>
        <translation>--format : « %1 » n'est ni text ni json.</translation>
    </message>
    <message>
        <source>--report: %1 should end in .json or .txt.</source>
        <translation>--report : %1 doit se terminer par .json ou .txt.</translation>
    </message>
    <message>
        <source>--profile: %1</source>
        <translation>--profile : %1</translation>
    </message>
    <message>
        <source>--report: cannot write %1: %2</source>
        <translation>--report : impossible d'écrire %1 : %2</translation>
    </message>
    <message>
        <source>More inputs: files, directories (their files), gzip-compressed files, or -. Lines sharing a correlation_id are shown together as one request.</source>
        <translation>Autres entrées : fichiers, répertoires (leurs fichiers), fichiers compressés gzip, ou -. Les lignes partageant un correlation_id sont montrées ensemble comme une requête.</translation>
    </message>
    <message>
        <source>Output on stdout: text, json or markdown.</source>
        <translation>Sortie sur stdout : text, json ou markdown.</translation>
    </message>
    <message>
        <source>Also write the result to FILE (.json, .txt or .md).</source>
        <translation>Écrire aussi le résultat dans FICHIER (.json, .txt ou .md).</translation>
    </message>
    <message>
        <source>--format: &quot;%1&quot; is not text, json or markdown.</source>
        <translation>--format : « %1 » n&apos;est ni text, ni json, ni markdown.</translation>
    </message>
    <message>
        <source>--report: %1 should end in .json, .txt or .md.</source>
        <translation>--report : %1 devrait se terminer par .json, .txt ou .md.</translation>
    </message>
    <message>
        <source>analyze: name a file, a directory, or - for standard input.</source>
        <translation>analyze : indiquez un fichier, un répertoire, ou - pour l&apos;entrée standard.</translation>
    </message>
</context>
<context>
    <name>duo::app::Cli</name>
    <message>
        <source>--%1: expected a number of seconds between 0 and 3600, got "%2".</source>
        <translation>--%1 : un nombre de secondes entre 0 et 3600 est attendu, reçu « %2 ».</translation>
    </message>
    <message>
        <source>--format: expected text or json, got "%1".</source>
        <translation>--format : text ou json attendu, reçu « %1 ».</translation>
    </message>
    <message>
        <source>Log what happens (info level) on stderr and in the log file.</source>
        <translation>Journalise ce qui se passe (niveau info) sur stderr et dans le fichier journal.</translation>
    </message>
    <message>
        <source>trace, debug, info, warn, error or off (default: warn on stderr, info in the log file).</source>
        <translation>trace, debug, info, warn, error ou off (par défaut : warn sur stderr, info dans le fichier journal).</translation>
    </message>
    <message>
        <source>Output on stdout: text (a tree) or json (the duo-doctor.report.v1 object).</source>
        <translation>Sortie sur stdout : text (un arbre) ou json (l'objet duo-doctor.report.v1).</translation>
    </message>
    <message>
        <source>Runs every check of "Troubleshooting GitLab Duo Self-Hosted Models" without a display.
Exit codes: 0 no check failed, 1 a check failed, 2 bad input, 3 internal error.</source>
        <translation>Exécute chaque vérification de « Troubleshooting GitLab Duo Self-Hosted Models » sans affichage.
Codes de sortie : 0 aucune vérification en échec, 1 une vérification en échec, 2 entrée invalide, 3 erreur interne.</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Afficher cette aide.</translation>
    </message>
    <message>
        <source>Start from the saved profile NAME (or id); its secrets come from the keychain. Other flags override its values.</source>
        <translation>Partir du profil enregistré NOM (ou id) ; ses secrets viennent du trousseau. Les autres options remplacent ses valeurs.</translation>
    </message>
    <message>
        <source>GitLab's external URL, e.g. https://gitlab.example.com.</source>
        <translation>L'URL externe de GitLab, p. ex. https://gitlab.example.com.</translation>
    </message>
    <message>
        <source>Name of the environment variable holding a GitLab personal access token.</source>
        <translation>Nom de la variable d'environnement contenant un jeton d'accès personnel GitLab.</translation>
    </message>
    <message>
        <source>The AI gateway's URL, e.g. http://aigw.example.com:5052.</source>
        <translation>L'URL de la passerelle IA, p. ex. http://aigw.example.com:5052.</translation>
    </message>
    <message>
        <source>The model family GitLab knows: mistral, codestral, llama3, codegemma, general…</source>
        <translation>La famille de modèle que GitLab connaît : mistral, codestral, llama3, codegemma, general…</translation>
    </message>
    <message>
        <source>The model server's OpenAI-compatible base URL, e.g. http://vllm.example.com:8000/v1.</source>
        <translation>L'URL de base compatible OpenAI du serveur de modèle, p. ex. http://vllm.example.com:8000/v1.</translation>
    </message>
    <message>
        <source>The identifier, e.g. custom_openai/mistralai/Mistral-7B-Instruct-v0.3.</source>
        <translation>L'identifiant, p. ex. custom_openai/mistralai/Mistral-7B-Instruct-v0.3.</translation>
    </message>
    <message>
        <source>GitLab's name for the self-hosted model (default: the model name).</source>
        <translation>Le nom que GitLab donne au modèle auto-hébergé (par défaut : le nom du modèle).</translation>
    </message>
    <message>
        <source>Name of the environment variable holding the model server's API key.</source>
        <translation>Nom de la variable d'environnement contenant la clé d'API du serveur de modèle.</translation>
    </message>
    <message>
        <source>Deadline per request in seconds (default 10).</source>
        <translation>Délai par requête en secondes (10 par défaut).</translation>
    </message>
    <message>
        <source>Deadline for requests that make the model generate (default 60, GitLab's default).</source>
        <translation>Délai pour les requêtes qui font générer le modèle (60 par défaut, comme GitLab).</translation>
    </message>
    <message>
        <source>Largest answer accepted from a server (default 1048576).</source>
        <translation>Plus grande réponse acceptée d'un serveur (1048576 par défaut).</translation>
    </message>
    <message>
        <source>Connect to ADDRESS when a URL names HOST:PORT, like curl --resolve. Repeatable.</source>
        <translation>Se connecter à ADRESSE quand une URL désigne HÔTE:PORT, comme curl --resolve. Répétable.</translation>
    </message>
    <message>
        <source>Also trust the CA certificates in FILE (PEM), e.g. a private CA or a TLS-inspecting proxy's.</source>
        <translation>Faire aussi confiance aux certificats d'AC de FICHIER (PEM), p. ex. une AC privée ou celle d'un proxy d'inspection TLS.</translation>
    </message>
    <message>
        <source>Trust the certificate whose SHA-256 fingerprint is given, for HOST only (as shown in a report). Repeatable.</source>
        <translation>Faire confiance au certificat dont l'empreinte SHA-256 est donnée, pour HÔTE seulement (comme l'indique un rapport). Répétable.</translation>
    </message>
    <message>
        <source>Proxy for every request: a URL such as http://proxy:3128, "none", or "environment" (default: http_proxy, https_proxy and no_proxy, as curl reads them).</source>
        <translation>Proxy pour chaque requête : une URL comme http://proxy:3128, « none » ou « environment » (par défaut : http_proxy, https_proxy et no_proxy, lus comme curl les lit).</translation>
    </message>
    <message>
        <source>Output of manual step ID (e.g. manual.rake_verify) saved in FILE. Repeatable.</source>
        <translation>Sortie de l'étape manuelle ID (p. ex. manual.rake_verify) enregistrée dans FICHIER. Répétable.</translation>
    </message>
    <message>
        <source>Unexpected argument "%1"; secrets are read from environment variables, see --help.</source>
        <translation>Argument inattendu « %1 » ; les secrets sont lus dans des variables d'environnement, voir --help.</translation>
    </message>
    <message>
        <source>--%1: the environment variable %2 is not set or empty.</source>
        <translation>--%1 : la variable d'environnement %2 n'est pas définie ou est vide.</translation>
    </message>
    <message>
        <source>--model-name: required with --model-endpoint (the family GitLab knows, e.g. mistral).</source>
        <translation>--model-name : requis avec --model-endpoint (la famille que GitLab connaît, p. ex. mistral).</translation>
    </message>
    <message>
        <source>--max-response-bytes: expected a number of bytes of at least 1024.</source>
        <translation>--max-response-bytes : un nombre d'octets d'au moins 1024 est attendu.</translation>
    </message>
    <message>
        <source>--ca-file %1: %2.</source>
        <translation>--ca-file %1 : %2.</translation>
    </message>
    <message>
        <source>--trust-cert %1: expected HOST=SHA256 with the 64 hex digits of the certificate's SHA-256 fingerprint.</source>
        <translation>--trust-cert %1 : HÔTE=SHA256 attendu, avec les 64 chiffres hexadécimaux de l'empreinte SHA-256 du certificat.</translation>
    </message>
    <message>
        <source>--proxy %1: expected none, environment or a URL such as http://proxy.example.com:3128.</source>
        <translation>--proxy %1 : none, environment ou une URL comme http://proxy.example.com:3128 attendu.</translation>
    </message>
    <message>
        <source>--resolve %1: expected HOST:PORT:ADDRESS, e.g. llm.internal:8000:10.0.0.5.</source>
        <translation>--resolve %1 : HÔTE:PORT:ADRESSE attendu, p. ex. llm.internal:8000:10.0.0.5.</translation>
    </message>
    <message>
        <source>--manual-output %1: expected ID=FILE with ID a manual step such as manual.rake_verify.</source>
        <translation>--manual-output %1 : ID=FICHIER attendu, ID étant une étape manuelle comme manual.rake_verify.</translation>
    </message>
    <message>
        <source>--manual-output %1: cannot read %2: %3.</source>
        <translation>--manual-output %1 : impossible de lire %2 : %3.</translation>
    </message>
    <message>
        <source>Starts a simulated GitLab, AI gateway and model server on 127.0.0.1 and diagnoses them.</source>
        <translation>Démarre un GitLab, une passerelle IA et un serveur de modèle simulés sur 127.0.0.1 et les diagnostique.</translation>
    </message>
    <message>
        <source>Print the diagnosis even when a display is available.</source>
        <translation>Afficher le diagnostic même quand un affichage est disponible.</translation>
    </message>
    <message>
        <source>List the scenarios.</source>
        <translation>Lister les scénarios.</translation>
    </message>
    <message>
        <source>What to break (default: healthy). See --list.</source>
        <translation>Ce qu'il faut casser (par défaut : healthy). Voir --list.</translation>
    </message>
    <message>
        <source>demo takes one scenario, got %1.</source>
        <translation>demo prend un seul scénario, reçu : %1.</translation>
    </message>
    <message>
        <source>--report %1: cannot write: %2</source>
        <translation>--report %1 : écriture impossible : %2</translation>
    </message>
    <message>
        <source>--profile %1: %2 — give the secrets with --gitlab-token-env and --model-key-env instead.</source>
        <translation>--profile %1 : %2 — fournissez plutôt les secrets avec --gitlab-token-env et --model-key-env.</translation>
    </message>
    <message>
        <source>--profile %1: the run's summary was not saved: %2</source>
        <translation>--profile %1 : le résumé de l'exécution n'a pas été enregistré : %2</translation>
    </message>
    <message>
        <source>Language of the output, e.g. de or fr (default: the system's).</source>
        <translation>Langue de la sortie, p. ex. de ou fr (par défaut : celle du système).</translation>
    </message>
    <message>
        <source>--report %1: the file name must end in .json, .html, .md, .txt or .xml (JUnit).</source>
        <translation>--report %1 : le nom du fichier doit se terminer par .json, .html, .md, .txt ou .xml (JUnit).</translation>
    </message>
    <message>
        <source>Also write the report to FILE (.json, .html, .md, .txt, or .xml for a JUnit test report). Repeatable.</source>
        <translation>Écrire aussi le rapport dans FICHIER (.json, .html, .md, .txt, ou .xml pour un rapport de test JUnit). Répétable.</translation>
    </message>
    <message>
        <source>Check every saved profile (a fleet), a few at a time; prints one line (or JSON object) per profile.</source>
        <translation>Vérifier chaque profil enregistré (une flotte), quelques-uns à la fois ; affiche une ligne (ou un objet JSON) par profil.</translation>
    </message>
    <message>
        <source>Check the profiles listed in FILE (a JSON array of profiles, as `profiles export` writes them, or {"profiles": [...]}), a few at a time. Secrets come from --gitlab-token-env and --model-key-env.</source>
        <translation>Vérifier les profils listés dans FICHIER (un tableau JSON de profils, tel que `profiles export` les écrit, ou {"profiles": [...]}), quelques-uns à la fois. Les secrets viennent de --gitlab-token-env et --model-key-env.</translation>
    </message>
    <message>
        <source>With --all-profiles or --fleet: how many profiles are checked at the same time (default 8).</source>
        <translation>Avec --all-profiles ou --fleet : combien de profils sont vérifiés en même temps (8 par défaut).</translation>
    </message>
    <message>
        <source>Output of Duo Doctor's container probe (duo-doctor probe-script), run inside the gateway container and saved in FILE: answers the container-side manual steps.</source>
        <translation>Sortie de la sonde de conteneur de Duo Doctor (duo-doctor probe-script), exécutée dans le conteneur de la passerelle et enregistrée dans FICHIER : répond aux étapes manuelles côté conteneur.</translation>
    </message>
    <message>
        <source>--all-profiles, --fleet and --profile: choose one.</source>
        <translation>--all-profiles, --fleet et --profile : choisissez-en un seul.</translation>
    </message>
    <message>
        <source>--jobs: expected a number between 1 and 64.</source>
        <translation>--jobs : un nombre entre 1 et 64 est attendu.</translation>
    </message>
    <message>
        <source>--container-probe: cannot read %1: %2.</source>
        <translation>--container-probe : impossible de lire %1 : %2.</translation>
    </message>
    <message>
        <source>--container-probe %1: %2.</source>
        <translation>--container-probe %1 : %2.</translation>
    </message>
    <message>
        <source>--manual-output and --container-probe describe one setup: use them with --profile or the setup's own flags, not with --all-profiles or --fleet.</source>
        <translation>--manual-output et --container-probe décrivent une seule installation : utilisez-les avec --profile ou les options propres à l'installation, pas avec --all-profiles ou --fleet.</translation>
    </message>
    <message>
        <source>The GitLab Duo Agent Platform service (gRPC, GitLab 18 and later), e.g. aigw.example.com:50052, without http://. Default: the address GitLab stores.</source>
        <translation>Le service GitLab Duo Agent Platform (gRPC, GitLab 18 et ultérieur), par ex. aigw.example.com:50052, sans http://. Par défaut : l’adresse enregistrée dans GitLab.</translation>
    </message>
    <message>
        <source>Azure OpenAI&apos;s api-version for azure/ identifiers (default 2024-10-21).</source>
        <translation>L&apos;api-version d&apos;Azure OpenAI pour les identifiants azure/ (par défaut 2024-10-21).</translation>
    </message>
</context>
<context>
    <name>duo::app::Fleet</name>
    <message>
        <source>could not record the last runs: %1</source>
        <translation>impossible d'enregistrer les dernières exécutions : %1</translation>
    </message>
    <message>
        <source>cannot read the profile %1: %2</source>
        <translation>impossible de lire le profil %1 : %2</translation>
    </message>
    <message>
        <source>--all-profiles: there are no saved profiles.</source>
        <translation>--all-profiles : il n'y a aucun profil enregistré.</translation>
    </message>
    <message>
        <source>--fleet: cannot read %1: %2</source>
        <translation>--fleet : impossible de lire %1 : %2</translation>
    </message>
    <message>
        <source>--fleet: %1 is not valid JSON at byte %2: %3</source>
        <translation>--fleet : %1 n'est pas un JSON valide à l'octet %2 : %3</translation>
    </message>
    <message>
        <source>entry %1</source>
        <translation>entrée %1</translation>
    </message>
    <message>
        <source>--fleet: entry %1 of %2: %3</source>
        <translation>--fleet : entrée %1 de %2 : %3</translation>
    </message>
    <message>
        <source>--fleet: %1 lists no profile; expected a JSON array of profiles or {"profiles": [...]}.</source>
        <translation>--fleet : %1 ne liste aucun profil ; un tableau JSON de profils ou {"profiles": [...]} est attendu.</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>pass fail warn manual  root cause</source>
        <translation>ok   éch. avt. manuel  cause première</translation>
    </message>
    <message>
        <source>not run: %1</source>
        <translation>non exécuté : %1</translation>
    </message>
    <message>
        <source>--report: cannot write %1: %2</source>
        <translation>--report : impossible d'écrire %1 : %2</translation>
    </message>
    <message>
        <source>--fleet: entry %1 of %2 is not a profile (a JSON object with gitlab_url, gateway_url or model_endpoint).</source>
        <translation>--fleet : l'entrée %1 de %2 n'est pas un profil (un objet JSON avec gitlab_url, gateway_url ou model_endpoint).</translation>
    </message>
    <message>
        <source>--fleet: entry %1 of %2 (%3) names no server: give gitlab_url, gateway_url or model_endpoint.</source>
        <translation>--fleet : l'entrée %1 de %2 (%3) ne nomme aucun serveur : indiquez gitlab_url, gateway_url ou model_endpoint.</translation>
    </message>
    <message>
        <source>%1: this fleet names %2 different servers (%3), and one secret belongs to one of them. Save each setup as a profile with its own secrets in the keychain (duo-doctor profiles save) and run --all-profiles without %1, or run one fleet per server.</source>
        <translation>%1 : cette flotte nomme %2 serveurs différents (%3), et un secret appartient à l'un d'eux. Enregistrez chaque installation comme profil avec ses propres secrets dans le trousseau (duo-doctor profiles save) et lancez --all-profiles sans %1, ou lancez une flotte par serveur.</translation>
    </message>
</context>
<context>
    <name>duo::app::Import</name>
    <message>
        <source>Usage: duo-doctor profiles import --gitlab-url URL --gitlab-token-env VAR [--gateway-url URL] [--update] [--format text|json]
Makes a profile per self-hosted model GitLab has (an administrator's token). A profile of the same name that disagrees with GitLab is shown with its differences and updated only with --update. Secrets are not stored: add them with duo-doctor profiles save NAME --gitlab-token-env … --model-key-env ….
</source>
        <translation>Utilisation : duo-doctor profiles import --gitlab-url URL --gitlab-token-env VAR [--gateway-url URL] [--update] [--format text|json]
Crée un profil par modèle auto-hébergé que GitLab possède (avec un jeton d'administrateur). Un profil du même nom qui diffère de GitLab est affiché avec ses différences et mis à jour seulement avec --update. Les secrets ne sont pas enregistrés : ajoutez-les avec duo-doctor profiles save NOM --gitlab-token-env … --model-key-env ….
</translation>
    </message>
    <message>
        <source>profiles import: needs --gitlab-url and --gitlab-token-env with an administrator's token.</source>
        <translation>profiles import : nécessite --gitlab-url et --gitlab-token-env avec un jeton d'administrateur.</translation>
    </message>
    <message>
        <source>GitLab did not answer.</source>
        <translation>GitLab n'a pas répondu.</translation>
    </message>
    <message>
        <source>profiles import: cannot read GitLab's self-hosted models: %1</source>
        <translation>profiles import : impossible de lire les modèles auto-hébergés de GitLab : %1</translation>
    </message>
    <message>
        <source>created</source>
        <translation>créé</translation>
    </message>
    <message>
        <source>updated</source>
        <translation>mis à jour</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>inchangé</translation>
    </message>
    <message>
        <source>differs from GitLab, kept (--update takes GitLab's values)</source>
        <translation>diffère de GitLab, conservé (--update reprend les valeurs de GitLab)</translation>
    </message>
    <message>
        <source>    %1: %2 in the profile, %3 in GitLab
</source>
        <translation>    %1 : %2 dans le profil, %3 dans GitLab
</translation>
    </message>
    <message>
        <source>GitLab has no self-hosted model configured (Admin &gt; GitLab Duo &gt; Self-hosted models).
</source>
        <translation>GitLab n'a aucun modèle auto-hébergé configuré (Admin &gt; GitLab Duo &gt; Self-hosted models).
</translation>
    </message>
    <message>
        <source>    no GitLab Duo feature uses this model
</source>
        <translation>    aucune fonctionnalité GitLab Duo n'utilise ce modèle
</translation>
    </message>
    <message>
        <source>    used by %1
</source>
        <translation>    utilisé par %1
</translation>
    </message>
    <message>
        <source>GitLab's AI gateway URL is not taken: %1</source>
        <translation>L'URL de la passerelle IA de GitLab n'est pas reprise : %1</translation>
    </message>
    <message>
        <source>%1: not imported, its endpoint is not usable: %2</source>
        <translation>%1 : non importé, son point de terminaison n'est pas utilisable : %2</translation>
    </message>
</context>
<context>
    <name>duo::app::Main</name>
    <message>
        <source>demo: %1</source>
        <translation>demo : %1</translation>
    </message>
    <message>
        <source>Simulated stack "%1" on 127.0.0.1. Checking it as an admin would…
</source>
        <translation>Pile simulée « %1 » sur 127.0.0.1. Vérification comme le ferait un administrateur…
</translation>
    </message>
    <message>
        <source>Duo Doctor</source>
        <translation>Duo Doctor</translation>
    </message>
    <message>
        <source>demo: unknown scenario "%1"; duo-doctor demo --list shows them.</source>
        <translation>demo : scénario inconnu « %1 » ; duo-doctor demo --list les affiche.</translation>
    </message>
    <message>
        <source>unknown command "%1".
%2</source>
        <translation>commande inconnue « %1 ».
%2</translation>
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
        <translation>Utilisation : duo-doctor [check|demo] [options]

Dépanne GitLab Duo avec des modèles auto-hébergés : GitLab -&gt; passerelle IA -&gt; serveur de modèle.

  duo-doctor                   ouvrir l'assistant
  duo-doctor check [options]   exécuter chaque vérification sans affichage (voir duo-doctor check --help)
  duo-doctor demo [SCÉNARIO]   diagnostiquer une pile simulée (voir duo-doctor demo --help)
  duo-doctor profiles          lister, enregistrer ou supprimer les profils enregistrés (voir duo-doctor profiles --help)
  duo-doctor probe-script      un script sh à exécuter dans le conteneur de la passerelle (voir --help)
  duo-doctor analyze FICHIER|- trouver les échecs connus dans un journal ou la sortie d'un outil (voir duo-doctor analyze --help)
  duo-doctor --version         afficher la version</translation>
    </message>
    <message>
        <source>Usage: duo-doctor probe-script [--profile NAME | --gitlab-url URL --model-endpoint URL …] &gt; duo-doctor-probe.sh
Prints a POSIX sh script to run inside the AI gateway container; pass what it prints to duo-doctor check --container-probe FILE or paste it into the wizard.</source>
        <translation>Utilisation : duo-doctor probe-script [--profile NOM | --gitlab-url URL --model-endpoint URL …] &gt; duo-doctor-probe.sh
Affiche un script POSIX sh à exécuter dans le conteneur de la passerelle IA ; passez ce qu'il affiche à duo-doctor check --container-probe FICHIER ou collez-le dans l'assistant.</translation>
    </message>
</context>
<context>
    <name>duo::app::Profiles</name>
    <message>
        <source>never run</source>
        <translation>jamais exécuté</translation>
    </message>
    <message>
        <source>%1: no check failed</source>
        <translation>%1 : aucune vérification en échec</translation>
    </message>
    <message>
        <source>%1: %2 failed, root cause %3</source>
        <translation>%1 : %2 en échec, cause %3</translation>
    </message>
    <message>
        <source>duo-doctor: cannot read the profile %1: %2 (the file is left as it is)</source>
        <translation>duo-doctor : impossible de lire le profil %1 : %2 (le fichier est laissé tel quel)</translation>
    </message>
    <message>
        <source>No profiles in %1. Save one with: duo-doctor profiles save NAME --gitlab-url … --model-key-env VAR</source>
        <translation>Aucun profil dans %1. Enregistrez-en un avec : duo-doctor profiles save NOM --gitlab-url … --model-key-env VAR</translation>
    </message>
    <message>
        <source>  GitLab %1 · gateway %2 · model %3 at %4</source>
        <translation>  GitLab %1 · passerelle %2 · modèle %3 à %4</translation>
    </message>
    <message>
        <source>  last run: %1 · id %2</source>
        <translation>  dernière exécution : %1 · id %2</translation>
    </message>
    <message>
        <source>profiles save: give the profile's NAME first, then the check flags.</source>
        <translation>profiles save : donnez d'abord le NOM du profil, puis les options de vérification.</translation>
    </message>
    <message>
        <source>profiles save NAME takes the flags of duo-doctor check (see duo-doctor check --help).</source>
        <translation>profiles save NOM prend les options de duo-doctor check (voir duo-doctor check --help).</translation>
    </message>
    <message>
        <source>profiles save %1: the profile is saved, its secrets are not: %2</source>
        <translation>profiles save %1 : le profil est enregistré, pas ses secrets : %2</translation>
    </message>
    <message>
        <source>Saved profile "%1" (%2); secrets, if any, are in the keychain.</source>
        <translation>Profil « %1 » (%2) enregistré ; les secrets éventuels sont dans le trousseau.</translation>
    </message>
    <message>
        <source>profiles delete: give exactly one profile NAME.</source>
        <translation>profiles delete : donnez exactement un NOM de profil.</translation>
    </message>
    <message>
        <source>duo-doctor: the keychain entries of %1 stay: %2</source>
        <translation>duo-doctor : les entrées de trousseau de %1 restent : %2</translation>
    </message>
    <message>
        <source>Deleted profile "%1".</source>
        <translation>Profil « %1 » supprimé.</translation>
    </message>
    <message>
        <source>profiles export: --output needs a FILE.</source>
        <translation>profiles export : --output demande un FICHIER.</translation>
    </message>
    <message>
        <source>profiles export: unknown option "%1"; use NAME … [--output FILE].</source>
        <translation>profiles export : option inconnue « %1 » ; utilisez NOM … [--output FICHIER].</translation>
    </message>
    <message>
        <source>profiles export: there are no saved profiles in %1.</source>
        <translation>profiles export : aucun profil enregistré dans %1.</translation>
    </message>
    <message>
        <source>profiles export: cannot write %1: %2</source>
        <translation>profiles export : impossible d'écrire %1 : %2</translation>
    </message>
    <message>
        <source>Wrote %1 without secrets; profiles in it: %2.</source>
        <translation>%1 écrit sans secrets ; profils qu'il contient : %2.</translation>
    </message>
    <message>
        <source>Usage: duo-doctor profiles [list] [--format text|json]
       duo-doctor profiles save NAME [flags of duo-doctor check]
       duo-doctor profiles delete NAME
       duo-doctor profiles import --gitlab-url URL --gitlab-token-env VAR [--update]
       duo-doctor profiles export [NAME …] [--output FILE]   (a fleet file, no secrets)
Profiles live in %1; their secrets in the OS keychain.</source>
        <translation>Utilisation : duo-doctor profiles [list] [--format text|json]
              duo-doctor profiles save NOM [options de duo-doctor check]
              duo-doctor profiles delete NOM
              duo-doctor profiles import --gitlab-url URL --gitlab-token-env VAR [--update]
              duo-doctor profiles export [NOM …] [--output FICHIER]   (un fichier de flotte, sans secrets)
Les profils se trouvent dans %1 ; leurs secrets dans le trousseau du système.</translation>
    </message>
    <message>
        <source>profiles: unknown action "%1"; use list, save, import, export or delete.</source>
        <translation>profiles : action inconnue « %1 » ; utilisez list, save, import, export ou delete.</translation>
    </message>
</context>
<context>
    <name>duo::sim</name>
    <message>
        <source>A simulated GitLab, AI gateway and model server on 127.0.0.1.</source>
        <translation>Un GitLab, une passerelle IA et un serveur de modèle simulés sur 127.0.0.1.</translation>
    </message>
    <message>
        <source>What to break (default: healthy).</source>
        <translation>Ce qu'il faut casser (par défaut : healthy).</translation>
    </message>
    <message>
        <source>List the scenarios.</source>
        <translation>Lister les scénarios.</translation>
    </message>
    <message>
        <source>Delay every answer by MS milliseconds.</source>
        <translation>Retarder chaque réponse de MS millisecondes.</translation>
    </message>
    <message>
        <source>Record every request received to FILE (JSON lines).</source>
        <translation>Enregistrer chaque requête reçue dans FICHIER (lignes JSON).</translation>
    </message>
    <message>
        <source>Stop after SECONDS.</source>
        <translation>S'arrêter après SECONDES.</translation>
    </message>
</context>
<context>
    <name>duo::ui::CheckTreeModel</name>
    <message>
        <source>Root causes</source>
        <translation>Causes premières</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Vérification</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Durée</translation>
    </message>
    <message>
        <source>none found</source>
        <translation>aucune trouvée</translation>
    </message>
    <message numerus="yes">
        <source>%n found</source>
        <translation>
            <numerusform>%n trouvée</numerusform>
            <numerusform>%n trouvées</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n en échec</numerusform>
            <numerusform>%n en échec</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n need you</source>
        <translation>
            <numerusform>%n attend votre action</numerusform>
            <numerusform>%n attendent votre action</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 done</source>
        <translation>%1 sur %2 terminées</translation>
    </message>
    <message>
        <source>done</source>
        <translation>terminé</translation>
    </message>
    <message numerus="yes">
        <source>explains %n other check(s)</source>
        <translation>
            <numerusform>explique %n autre vérification</numerusform>
            <numerusform>explique %n autres vérifications</numerusform>
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
            <numerusform>explique %n</numerusform>
            <numerusform>explique %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Explains %n other check(s)</source>
        <translation>
            <numerusform>Explique %n autre vérification</numerusform>
            <numerusform>Explique %n autres vérifications</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>duo::ui::ContainerProbePanel</name>
    <message>
        <source>Three manual steps need a shell in the AI gateway container. This script answers them at once: it only reads (the gateway's settings without secrets, its health, the model endpoint and GitLab's name as the container sees them) and needs nothing but sh and curl or python3. Save it as duo-doctor-probe.sh, run it as shown, and paste the line it prints below.</source>
        <translation>Trois étapes manuelles nécessitent un shell dans le conteneur de la passerelle IA. Ce script y répond d'un coup : il ne fait que lire (les réglages de la passerelle sans secrets, son état, le point de terminaison du modèle et le nom de GitLab tels que le conteneur les voit) et n'a besoin que de sh et de curl ou python3. Enregistrez-le sous duo-doctor-probe.sh, exécutez-le comme indiqué et collez ci-dessous la ligne qu'il affiche.</translation>
    </message>
    <message>
        <source>How to run the probe</source>
        <translation>Comment exécuter la sonde</translation>
    </message>
    <message>
        <source>The container probe script</source>
        <translation>Le script de la sonde de conteneur</translation>
    </message>
    <message>
        <source>Paste the probe's output here</source>
        <translation>Collez ici la sortie de la sonde</translation>
    </message>
    <message>
        <source>Paste what the probe printed: one line starting with {"schema":"duo-doctor.container-probe.v1"</source>
        <translation>Collez ce que la sonde a affiché : une ligne commençant par {"schema":"duo-doctor.container-probe.v1"</translation>
    </message>
    <message>
        <source>Copy the probe script</source>
        <translation>Copier le script de la sonde</translation>
    </message>
    <message>
        <source>Sa&amp;ve script…</source>
        <translation>En&amp;registrer le script…</translation>
    </message>
    <message>
        <source>Save the probe script to a file</source>
        <translation>Enregistrer le script de la sonde dans un fichier</translation>
    </message>
    <message>
        <source>&amp;Use this output</source>
        <translation>&amp;Utiliser cette sortie</translation>
    </message>
    <message>
        <source>Judge the container steps from the pasted output</source>
        <translation>Juger les étapes du conteneur à partir de la sortie collée</translation>
    </message>
    <message>
        <source>Save the probe script</source>
        <translation>Enregistrer le script de la sonde</translation>
    </message>
    <message>
        <source>Shell scripts (*.sh)</source>
        <translation>Scripts shell (*.sh)</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Impossible d'écrire %1 : %2</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>%1 enregistré.</translation>
    </message>
    <message>
        <source>Not used: %1.</source>
        <translation>Non utilisée : %1.</translation>
    </message>
    <message>
        <source>Used: the container steps are now judged from inside the gateway.</source>
        <translation>Utilisée : les étapes du conteneur sont désormais jugées depuis l'intérieur de la passerelle.</translation>
    </message>
    <message>
        <source>Cop&amp;y script</source>
        <translation>&amp;Copier le script</translation>
    </message>
</context>
<context>
    <name>duo::ui::DetailPane</name>
    <message>
        <source>Details of the selected check</source>
        <translation>Détails de la vérification choisie</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copier</translation>
    </message>
    <message>
        <source>Copy command: %1</source>
        <translation>Copier la commande : %1</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Copié</translation>
    </message>
    <message>
        <source>checked %1</source>
        <translation>vérifié %1</translation>
    </message>
    <message>
        <source>Status: %1</source>
        <translation>État : %1</translation>
    </message>
    <message>
        <source>Troubleshooting page: &lt;a href="%1"&gt;%2&lt;/a&gt;</source>
        <translation>Page de dépannage : &lt;a href="%1"&gt;%2&lt;/a&gt;</translation>
    </message>
    <message>
        <source>Troubleshooting page section: %1</source>
        <translation>Section de la page de dépannage : %1</translation>
    </message>
    <message>
        <source>What was found</source>
        <translation>Ce qui a été trouvé</translation>
    </message>
    <message>
        <source>What was checked</source>
        <translation>Ce qui a été vérifié</translation>
    </message>
    <message>
        <source>Root cause of</source>
        <translation>Cause première de</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>Preuves</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Pourquoi</translation>
    </message>
    <message>
        <source>How to fix it</source>
        <translation>Comment corriger</translation>
    </message>
    <message>
        <source>%1, issued by %2, valid %3 to %4
SHA-256 %5</source>
        <translation>%1, émis par %2, valide du %3 au %4
SHA-256 %5</translation>
    </message>
    <message>
        <source>Certificate chain</source>
        <translation>Chaîne de certificats</translation>
    </message>
    <message>
        <source>Trust this certificate for %1</source>
        <translation>Faire confiance à ce certificat pour %1</translation>
    </message>
    <message>
        <source>Trust this certificate for %1 only, by its fingerprint</source>
        <translation>Faire confiance à ce certificat pour %1 seulement, par son empreinte</translation>
    </message>
    <message>
        <source>Paste the output here</source>
        <translation>Collez la sortie ici</translation>
    </message>
    <message>
        <source>Output of the manual step</source>
        <translation>Sortie de l'étape manuelle</translation>
    </message>
    <message>
        <source>Paste what the command printed; Duo Doctor judges it at once.</source>
        <translation>Collez ce que la commande a affiché ; Duo Doctor le juge aussitôt.</translation>
    </message>
    <message>
        <source>Evaluate output</source>
        <translation>Évaluer la sortie</translation>
    </message>
    <message>
        <source>Evaluate the pasted output</source>
        <translation>Évaluer la sortie collée</translation>
    </message>
    <message>
        <source>Re-run this check</source>
        <translation>Relancer cette vérification</translation>
    </message>
    <message>
        <source>Also explains</source>
        <translation>Explique aussi</translation>
    </message>
    <message>
        <source>Checks this root cause explains</source>
        <translation>Vérifications que cette cause explique</translation>
    </message>
    <message>
        <source>Paste what the command printed, then press Evaluate (Ctrl+Enter). Tab moves on to Evaluate.</source>
        <translation>Collez ce que la commande a affiché, puis appuyez sur « Évaluer la sortie » (Ctrl+Entrée). Tab passe à ce bouton.</translation>
    </message>
    <message>
        <source>The automatic check this step confirms: %1</source>
        <translation>La vérification automatique que cette étape confirme : %1</translation>
    </message>
</context>
<context>
    <name>duo::ui::DiagnosisPage</name>
    <message>
        <source>Diagnosis</source>
        <translation>Diagnostic</translation>
    </message>
    <message>
        <source>Root causes first: fix those and the checks they explain usually follow. Select a check for its evidence and fix.</source>
        <translation>Les causes premières d'abord : corrigez-les et les vérifications qu'elles expliquent suivent en général. Choisissez une vérification pour ses preuves et sa correction.</translation>
    </message>
    <message>
        <source>Diagnosis tree</source>
        <translation>Arbre de diagnostic</translation>
    </message>
    <message>
        <source>Re-run &amp;all</source>
        <translation>Tout re&amp;lancer</translation>
    </message>
    <message>
        <source>Re-run all checks</source>
        <translation>Relancer toutes les vérifications</translation>
    </message>
    <message>
        <source>&amp;Export report…</source>
        <translation>&amp;Exporter le rapport…</translation>
    </message>
    <message>
        <source>Export the report as HTML, Markdown or JSON</source>
        <translation>Exporter le rapport en HTML, Markdown ou JSON</translation>
    </message>
    <message>
        <source>&amp;Save profile…</source>
        <translation>Enregi&amp;strer le profil…</translation>
    </message>
    <message>
        <source>Save this setup as a profile; secrets go to the keychain</source>
        <translation>Enregistrer cette configuration comme profil ; les secrets vont dans le trousseau</translation>
    </message>
    <message>
        <source>Copy the report as Markdown and open GitLab's new-issue page</source>
        <translation>Copier le rapport en Markdown et ouvrir la page de nouveau ticket de GitLab</translation>
    </message>
    <message>
        <source>Save profile</source>
        <translation>Enregistrer le profil</translation>
    </message>
    <message>
        <source>Profile name:</source>
        <translation>Nom du profil :</translation>
    </message>
    <message>
        <source>The run was cancelled: the diagnosis covers the checks that finished. Re-run all to complete it.</source>
        <translation>L'exécution a été annulée : le diagnostic couvre les vérifications terminées. Relancez tout pour le compléter.</translation>
    </message>
    <message>
        <source>No check failed. The manual steps below can confirm what only the Rails console or the gateway container can see.</source>
        <translation>Aucune vérification n'a échoué. Les étapes manuelles ci-dessous confirment ce que seuls la console Rails ou le conteneur de la passerelle peuvent voir.</translation>
    </message>
    <message>
        <source>No check failed.</source>
        <translation>Aucune vérification n'a échoué.</translation>
    </message>
    <message>
        <source>Most likely cause: %1 — %2</source>
        <translation>Cause la plus probable : %1 — %2</translation>
    </message>
    <message>
        <source>Trusting the certificate %1 for %2 only%3; checking again.</source>
        <translation>Confiance accordée au certificat %1 pour %2 seulement%3 ; nouvelle vérification.</translation>
    </message>
    <message>
        <source> (kept in the profile “%1”)</source>
        <translation> (conservée dans le profil « %1 »)</translation>
    </message>
    <message>
        <source>The report (Markdown, secrets redacted) is on the clipboard: paste it into the new issue.</source>
        <translation>Le rapport (Markdown, secrets caviardés) est dans le presse-papiers : collez-le dans le nouveau ticket.</translation>
    </message>
    <message>
        <source>The report (Markdown, secrets redacted) is on the clipboard. Open %1 and paste it into a new issue.</source>
        <translation>Le rapport (Markdown, secrets caviardés) est dans le presse-papiers. Ouvrez %1 et collez-le dans un nouveau ticket.</translation>
    </message>
    <message>
        <source>Choose a name ending in .html, .md, .json or .txt.</source>
        <translation>Choisissez un nom se terminant par .html, .md, .json ou .txt.</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>Exporter le rapport</translation>
    </message>
    <message>
        <source>Could not export the report to %1: %2</source>
        <translation>Impossible d'exporter le rapport vers %1 : %2</translation>
    </message>
    <message>
        <source>Report written to %1.</source>
        <translation>Rapport écrit dans %1.</translation>
    </message>
    <message>
        <source>Analyze a &amp;log</source>
        <translation>Analyser un &amp;journal</translation>
    </message>
    <message>
        <source>Container &amp;probe</source>
        <translation>S&amp;onde de conteneur</translation>
    </message>
    <message>
        <source>HTML report (*.html);;Markdown (*.md);;JSON (*.json);;Text (*.txt);;JUnit XML (*.xml)</source>
        <translation>Rapport HTML (*.html);;Markdown (*.md);;JSON (*.json);;Texte (*.txt);;XML JUnit (*.xml)</translation>
    </message>
    <message>
        <source>Judging the pasted output…</source>
        <translation>Évaluation de la sortie collée…</translation>
    </message>
    <message>
        <source>&amp;Report a problem…</source>
        <translation>Si&amp;gnaler un problème…</translation>
    </message>
    <message>
        <source>Chec&amp;ks</source>
        <translation>&amp;Vérifications</translation>
    </message>
    <message>
        <source>Most likely cause</source>
        <translation>Cause la plus probable</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Most likely cause: %1</source>
        <translation>Cause la plus probable : %1</translation>
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
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Fermer</translation>
    </message>
    <message>
        <source>Reading the secrets of “%1” from the keychain…</source>
        <translation>Lecture des secrets de « %1 » dans le trousseau…</translation>
    </message>
    <message>
        <source>%1 Type the token and the key here; they will be used for this session only.</source>
        <translation>%1 Saisissez le jeton et la clé ici ; ils ne serviront que pour cette session.</translation>
    </message>
    <message>
        <source>Troubleshooting page (online)</source>
        <translation>Page de dépannage (en ligne)</translation>
    </message>
    <message>
        <source>Open log folder</source>
        <translation>Ouvrir le dossier des journaux</translation>
    </message>
    <message>
        <source>About Duo Doctor</source>
        <translation>À propos de Duo Doctor</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Duo Doctor %1&lt;/h3&gt;&lt;p&gt;Troubleshooting for GitLab Duo with self-hosted models: GitLab, the AI gateway and the model server, checked the way the troubleshooting page does, with the root cause and its fix.&lt;/p&gt;&lt;p&gt;Qt %2 (built with %3) · QtKeychain %4 · built %5 with %6&lt;/p&gt;&lt;p&gt;Log: %7&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Duo Doctor %1&lt;/h3&gt;&lt;p&gt;Dépannage de GitLab Duo avec modèles auto-hébergés : GitLab, la passerelle IA et le serveur de modèle, vérifiés comme le fait la page de dépannage, avec la cause première et sa correction.&lt;/p&gt;&lt;p&gt;Qt %2 (compilé avec %3) · QtKeychain %4 · compilé le %5 avec %6&lt;/p&gt;&lt;p&gt;Journal : %7&lt;/p&gt;</translation>
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
        <translation>Passerelle IA</translation>
    </message>
    <message>
        <source>Where the AI gateway listens, as this computer reaches it (the self-hosted image uses port 5052).</source>
        <translation>Où écoute la passerelle IA, telle que ce poste la joint (l'image auto-hébergée utilise le port 5052).</translation>
    </message>
    <message>
        <source>Extra trusted CA certificates (PEM file)</source>
        <translation>Certificats d'AC supplémentaires de confiance (fichier PEM)</translation>
    </message>
    <message>
        <source>optional: a PEM file with your private CA</source>
        <translation>facultatif : un fichier PEM avec votre AC privée</translation>
    </message>
    <message>
        <source>Choose the CA file</source>
        <translation>Choisir le fichier d'AC</translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation>Proxy</translation>
    </message>
    <message>
        <source>From the environment (http_proxy, https_proxy, no_proxy)</source>
        <translation>Depuis l'environnement (http_proxy, https_proxy, no_proxy)</translation>
    </message>
    <message>
        <source>No proxy</source>
        <translation>Aucun proxy</translation>
    </message>
    <message>
        <source>This proxy:</source>
        <translation>Ce proxy :</translation>
    </message>
    <message>
        <source>Proxy URL</source>
        <translation>URL du proxy</translation>
    </message>
    <message>
        <source>AI gateway &amp;URL:</source>
        <translation>&amp;URL de la passerelle IA :</translation>
    </message>
    <message>
        <source>Trusted &amp;CA file:</source>
        <translation>Fichier d'A&amp;C de confiance :</translation>
    </message>
    <message>
        <source>&amp;Proxy:</source>
        <translation>Pro&amp;xy :</translation>
    </message>
    <message>
        <source>TLS is always verified. A certificate this desktop does not trust is reported with its chain; you can then trust it for its host only, by fingerprint.</source>
        <translation>TLS est toujours vérifié. Un certificat auquel ce poste ne fait pas confiance est signalé avec sa chaîne ; vous pouvez alors lui faire confiance pour son hôte seulement, par empreinte.</translation>
    </message>
    <message>
        <source>Trusted CA certificates</source>
        <translation>Certificats d'AC de confiance</translation>
    </message>
    <message>
        <source>PEM certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>Certificats PEM (*.pem *.crt *.cer);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>The CA file cannot be used: %1.</source>
        <translation>Le fichier d'AC est inutilisable : %1.</translation>
    </message>
    <message>
        <source>Enter the proxy as a URL, e.g. http://proxy.example.com:3128.</source>
        <translation>Saisissez le proxy sous forme d'URL, p. ex. http://proxy.example.com:3128.</translation>
    </message>
    <message>
        <source>Agent Platform service address</source>
        <translation>Adresse du service Agent Platform</translation>
    </message>
    <message>
        <source>optional: learned from GitLab; or HOST:PORT, e.g. aigw.example.com:50052</source>
        <translation>facultatif : lue dans GitLab ; ou HÔTE:PORT, par ex. aigw.example.com:50052</translation>
    </message>
    <message>
        <source>A&amp;gent Platform service:</source>
        <translation>Service A&amp;gent Platform :</translation>
    </message>
    <message>
        <source>Agent Platform service: %1</source>
        <translation>Service Agent Platform : %1</translation>
    </message>
    <message>
        <source>B&amp;rowse…</source>
        <translation>Pa&amp;rcourir…</translation>
    </message>
    <message>
        <source>Ad&amp;vanced</source>
        <translation>A&amp;vancé</translation>
    </message>
    <message>
        <source>Shows how this desktop reaches names only the gateway&apos;s network knows</source>
        <translation>Montre comment ce poste atteint les noms que seul le réseau de la passerelle connaît</translation>
    </message>
    <message>
        <source>Names only the gateway&apos;s network knows</source>
        <translation>Noms que seul le réseau de la passerelle connaît</translation>
    </message>
    <message>
        <source>HOST:PORT:ADDRESS entries, separated by spaces, like curl&apos;s --resolve</source>
        <translation>Entrées HÔTE:PORT:ADRESSE, séparées par des espaces, comme --resolve de curl</translation>
    </message>
    <message>
        <source>Na&amp;mes only the gateway&apos;s network knows:</source>
        <translation>&amp;Noms que seul le réseau de la passerelle connaît :</translation>
    </message>
    <message>
        <source>How this desktop reaches a name only the gateway&apos;s network knows, as &lt;code&gt;HOST:PORT:ADDRESS&lt;/code&gt; (curl&apos;s &lt;code&gt;--resolve&lt;/code&gt;); several separated by spaces. GitLab and the gateway are not affected.</source>
        <translation>Comment ce poste atteint un nom que seul le réseau de la passerelle connaît, sous la forme &lt;code&gt;HÔTE:PORT:ADRESSE&lt;/code&gt; (&lt;code&gt;--resolve&lt;/code&gt; de curl) ; plusieurs séparés par des espaces. GitLab et la passerelle ne sont pas concernés.</translation>
    </message>
    <message>
        <source>“%1” is not HOST:PORT:ADDRESS, e.g. model.internal:8000:10.0.0.5 (an IP address, not a name).</source>
        <translation>« %1 » n’est pas HÔTE:PORT:ADRESSE, p. ex. model.internal:8000:10.0.0.5 (une adresse IP, pas un nom).</translation>
    </message>
    <message>
        <source>learned from GitLab: %1 (type HOST:PORT to check another address)</source>
        <translation>lue dans GitLab : %1 (saisissez HÔTE:PORT pour vérifier une autre adresse)</translation>
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
        <translation>L'instance dont GitLab Duo utilise votre modèle auto-hébergé. Laissez vide pour ne vérifier que la passerelle et le modèle.</translation>
    </message>
    <message>
        <source>Personal access token</source>
        <translation>Jeton d'accès personnel</translation>
    </message>
    <message>
        <source>optional: glpat-…</source>
        <translation>facultatif : glpat-…</translation>
    </message>
    <message>
        <source>GitLab &amp;URL:</source>
        <translation>&amp;URL de GitLab :</translation>
    </message>
    <message>
        <source>Personal access &amp;token:</source>
        <translation>&amp;Jeton d'accès personnel :</translation>
    </message>
    <message>
        <source>A token with &lt;b&gt;read_api&lt;/b&gt; lets Duo Doctor ask GitLab; &lt;b&gt;api&lt;/b&gt; also runs GitLab's own connection check. An &lt;b&gt;administrator's&lt;/b&gt; token adds the license, feature settings and AI gateway URL checks. The token goes to GitLab only and is never saved.</source>
        <translation>Un jeton avec &lt;b&gt;read_api&lt;/b&gt; permet à Duo Doctor d'interroger GitLab ; &lt;b&gt;api&lt;/b&gt; lance aussi la vérification de connexion de GitLab. Le jeton d'un &lt;b&gt;administrateur&lt;/b&gt; ajoute les vérifications de licence, de réglages de fonctionnalités et d'URL de passerelle IA. Le jeton ne va qu'à GitLab et n'est jamais enregistré.</translation>
    </message>
</context>
<context>
    <name>duo::ui::LogAnalyzerPanel</name>
    <message>
        <source>Log or tool output to analyze</source>
        <translation>Journal ou sortie d'outil à analyser</translation>
    </message>
    <message>
        <source>Paste GitLab's llm.log lines, the AI gateway's log, docker output, a Duo Chat error (A1001…) or the output of gitlab-rake gitlab:duo:verify_self_hosted_setup or of the gateway's troubleshooting script. Secrets are redacted before anything is shown again.</source>
        <translation>Collez des lignes du llm.log de GitLab, le journal de la passerelle IA, une sortie docker, une erreur Duo Chat (A1001…) ou la sortie de gitlab-rake gitlab:duo:verify_self_hosted_setup ou du script de dépannage de la passerelle. Les secrets sont caviardés avant tout nouvel affichage.</translation>
    </message>
    <message>
        <source>Known failures found</source>
        <translation>Échecs connus trouvés</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Ligne</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>Constat</translation>
    </message>
    <message>
        <source>Explanation and fix of the selected finding</source>
        <translation>Explication et correction du constat sélectionné</translation>
    </message>
    <message>
        <source>Load a log file to analyze</source>
        <translation>Charger un fichier journal à analyser</translation>
    </message>
    <message>
        <source>A&amp;nalyze</source>
        <translation>A&amp;nalyser</translation>
    </message>
    <message>
        <source>Analyze the text</source>
        <translation>Analyser le texte</translation>
    </message>
    <message>
        <source>Load a log</source>
        <translation>Charger un journal</translation>
    </message>
    <message>
        <source>Logs and text (*.log *.txt *.json);;All files (*)</source>
        <translation>Journaux et texte (*.log *.txt *.json);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Impossible de lire %1 : %2</translation>
    </message>
    <message>
        <source>Analyzing…</source>
        <translation>Analyse en cours…</translation>
    </message>
    <message>
        <source>No known failure found (%1 lines read).</source>
        <translation>Aucun échec connu trouvé (%1 lignes lues).</translation>
    </message>
    <message>
        <source> Only the beginning was read.</source>
        <translation> Seul le début a été lu.</translation>
    </message>
    <message>
        <source>Line %1 (%2)</source>
        <translation>Ligne %1 (%2)</translation>
    </message>
    <message>
        <source>Fix:</source>
        <translation>Correction :</translation>
    </message>
    <message>
        <source>Known failures found: %1 (%2 lines read).</source>
        <translation>Échecs connus trouvés : %1 (%2 lignes lues).</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>Constats</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Requêtes</translation>
    </message>
    <message>
        <source>Requests with a failure, and their lines in time order</source>
        <translation>Requêtes avec une erreur, et leurs lignes dans l&apos;ordre chronologique</translation>
    </message>
    <message>
        <source>Request / time</source>
        <translation>Requête / heure</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Où</translation>
    </message>
    <message>
        <source>&amp;Open files…</source>
        <translation>Ouvrir &amp;des fichiers…</translation>
    </message>
    <message>
        <source>Open log files to analyze (or drop them here)</source>
        <translation>Ouvrir des fichiers journaux à analyser (ou les déposer ici)</translation>
    </message>
    <message>
        <source>Open logs</source>
        <translation>Ouvrir des journaux</translation>
    </message>
    <message>
        <source>Logs and text (*.log *.txt *.json *.gz *.1 *.2);;All files (*)</source>
        <translation>Journaux et texte (*.log *.txt *.json *.gz *.1 *.2);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source> The newest %1 are listed.</source>
        <translation> Les %1 plus récents sont listés.</translation>
    </message>
    <message>
        <source> Cancelled: only part of the input was read.</source>
        <translation> Annulé : seule une partie de l&apos;entrée a été lue.</translation>
    </message>
    <message>
        <source>findings: %1</source>
        <translation>constats : %1</translation>
    </message>
    <message>
        <source>Requests (%1)</source>
        <translation>Requêtes (%1)</translation>
    </message>
    <message>
        <source>Load &amp;file…</source>
        <translation>&amp;Charger un fichier…</translation>
    </message>
</context>
<context>
    <name>duo::ui::ModelPage</name>
    <message>
        <source>Model</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <source>The model as GitLab knows it and as your model server serves it.</source>
        <translation>Le modèle tel que GitLab le connaît et tel que votre serveur de modèle le sert.</translation>
    </message>
    <message>
        <source>Model name (family)</source>
        <translation>Nom du modèle (famille)</translation>
    </message>
    <message>
        <source>%1 (beta)</source>
        <translation>%1 (bêta)</translation>
    </message>
    <message>
        <source>%1 (generally available)</source>
        <translation>%1 (disponibilité générale)</translation>
    </message>
    <message>
        <source>Model identifier</source>
        <translation>Identifiant du modèle</translation>
    </message>
    <message>
        <source>GitLab's name for the model</source>
        <translation>Le nom que GitLab donne au modèle</translation>
    </message>
    <message>
        <source>optional: the name in Admin &gt; GitLab Duo &gt; Self-hosted models</source>
        <translation>facultatif : le nom dans Admin &gt; GitLab Duo &gt; Self-hosted models</translation>
    </message>
    <message>
        <source>Model API key</source>
        <translation>Clé d'API du modèle</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>facultatif</translation>
    </message>
    <message>
        <source>Choose one of the self-hosted models GitLab has</source>
        <translation>Choisir l'un des modèles auto-hébergés que GitLab connaît</translation>
    </message>
    <message>
        <source>Needs a GitLab administrator's token on the GitLab page.</source>
        <translation>Nécessite le jeton d'un administrateur GitLab sur la page GitLab.</translation>
    </message>
    <message>
        <source>&amp;Endpoint:</source>
        <translation>Point de &amp;terminaison :</translation>
    </message>
    <message>
        <source>&amp;Identifier:</source>
        <translation>&amp;Identifiant :</translation>
    </message>
    <message>
        <source>For an OpenAI-compatible server (vLLM, Ollama, LiteLLM…): &lt;code&gt;custom_openai/&lt;/code&gt; followed by the id the server lists at &lt;code&gt;/v1/models&lt;/code&gt;.</source>
        <translation>Pour un serveur compatible OpenAI (vLLM, Ollama, LiteLLM…) : &lt;code&gt;custom_openai/&lt;/code&gt; suivi de l'id que le serveur liste sur &lt;code&gt;/v1/models&lt;/code&gt;.</translation>
    </message>
    <message>
        <source>Name in &amp;GitLab:</source>
        <translation>Nom dans &amp;GitLab :</translation>
    </message>
    <message>
        <source>API &amp;key:</source>
        <translation>&amp;Clé d'API :</translation>
    </message>
    <message>
        <source>The key goes to the model server and, inside the test request's body as the troubleshooting guide does, to the AI gateway. It is never saved.</source>
        <translation>La clé va au serveur de modèle et, dans le corps de la requête de test comme le fait le guide de dépannage, à la passerelle IA. Elle n'est jamais enregistrée.</translation>
    </message>
    <message>
        <source>GitLab listed no self-hosted models.</source>
        <translation>GitLab n'a listé aucun modèle auto-hébergé.</translation>
    </message>
    <message>
        <source>used by %1</source>
        <translation>utilisé par %1</translation>
    </message>
    <message>
        <source>Use a model GitLab &amp;already has…</source>
        <translation>Utiliser un &amp;modèle que GitLab connaît déjà…</translation>
    </message>
    <message>
        <source>&amp;Model name:</source>
        <translation>&amp;Nom du modèle :</translation>
    </message>
    <message>
        <source>Azure OpenAI api-version</source>
        <translation>api-version d&apos;Azure OpenAI</translation>
    </message>
    <message>
        <source>Bedrock: &lt;code&gt;bedrock/&lt;/code&gt; and the model or inference-profile id, no endpoint. Azure OpenAI: &lt;code&gt;azure/&lt;/code&gt; and the deployment&apos;s name, the resource URL as the endpoint.</source>
        <translation>Bedrock : &lt;code&gt;bedrock/&lt;/code&gt; et l&apos;identifiant du modèle ou du profil d&apos;inférence, sans point de terminaison. Azure OpenAI : &lt;code&gt;azure/&lt;/code&gt; et le nom du déploiement, l&apos;URL de la ressource comme point de terminaison.</translation>
    </message>
    <message>
        <source>Azure api-&amp;version:</source>
        <translation>api-&amp;version Azure :</translation>
    </message>
</context>
<context>
    <name>duo::ui::ProfilesPanel</name>
    <message>
        <source>never run</source>
        <translation>jamais exécuté</translation>
    </message>
    <message>
        <source>%1 · no failure</source>
        <translation>%1 · aucun échec</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n failed</source>
        <translation>
            <numerusform>%1 · %n échec</numerusform>
            <numerusform>%1 · %n échecs</numerusform>
        </translation>
    </message>
    <message>
        <source>Saved profiles</source>
        <translation>Profils enregistrés</translation>
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
        <translation>Passerelle IA</translation>
    </message>
    <message>
        <source>Last run</source>
        <translation>Dernière exécution</translation>
    </message>
    <message>
        <source>&amp;Rename…</source>
        <translation>&amp;Renommer…</translation>
    </message>
    <message>
        <source>D&amp;uplicate…</source>
        <translation>D&amp;upliquer…</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>Suppri&amp;mer…</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importer…</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>E&amp;xporter…</translation>
    </message>
    <message>
        <source>Could not read %1: %2. The file is left as it is.</source>
        <translation>Impossible de lire %1 : %2. Le fichier est laissé tel quel.</translation>
    </message>
    <message>
        <source>No saved profiles yet: after a run, “Save profile…” on the Diagnosis page keeps the setup (secrets go to the keychain).</source>
        <translation>Aucun profil enregistré pour l'instant : après une exécution, « Enregistrer le profil… » sur la page Diagnostic conserve la configuration (les secrets vont dans le trousseau).</translation>
    </message>
    <message>
        <source>Renamed to “%1”; its secrets stay with it.</source>
        <translation>Renommé en « %1 » ; ses secrets le suivent.</translation>
    </message>
    <message>
        <source>Could not rename: %1</source>
        <translation>Impossible de renommer : %1</translation>
    </message>
    <message>
        <source>Could not duplicate: %1</source>
        <translation>Impossible de dupliquer : %1</translation>
    </message>
    <message>
        <source>Duplicated as “%1” without secrets.</source>
        <translation>Dupliqué en « %1 » sans secrets.</translation>
    </message>
    <message>
        <source>Duplicated as “%1”, but its secrets could not be read: %2</source>
        <translation>Dupliqué en « %1 », mais ses secrets n'ont pas pu être lus : %2</translation>
    </message>
    <message>
        <source>Duplicated as “%1” with its secrets.</source>
        <translation>Dupliqué en « %1 » avec ses secrets.</translation>
    </message>
    <message>
        <source>Duplicated as “%1” without secrets: %2</source>
        <translation>Dupliqué en « %1 » sans secrets : %2</translation>
    </message>
    <message>
        <source>Could not delete: %1</source>
        <translation>Impossible de supprimer : %1</translation>
    </message>
    <message>
        <source>Deleted “%1” and its secrets.</source>
        <translation>« %1 » et ses secrets supprimés.</translation>
    </message>
    <message>
        <source>Deleted “%1”; its keychain entries could not be removed: %2</source>
        <translation>« %1 » supprimé ; ses entrées de trousseau n'ont pas pu être retirées : %2</translation>
    </message>
    <message>
        <source>Could not import %1: %2</source>
        <translation>Impossible d'importer %1 : %2</translation>
    </message>
    <message>
        <source>Imported “%1”. Profiles travel without secrets: enter the token and the key on the next pages.</source>
        <translation>« %1 » importé. Les profils voyagent sans secrets : saisissez le jeton et la clé sur les pages suivantes.</translation>
    </message>
    <message>
        <source>Could not export: %1</source>
        <translation>Impossible d'exporter : %1</translation>
    </message>
    <message>
        <source>Exported “%1” to %2 — without its secrets.</source>
        <translation>« %1 » exporté vers %2 — sans ses secrets.</translation>
    </message>
    <message>
        <source>Rename profile</source>
        <translation>Renommer le profil</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>Nouveau nom :</translation>
    </message>
    <message>
        <source>Duplicate profile</source>
        <translation>Dupliquer le profil</translation>
    </message>
    <message>
        <source>Name of the copy:</source>
        <translation>Nom de la copie :</translation>
    </message>
    <message>
        <source>%1 (copy)</source>
        <translation>%1 (copie)</translation>
    </message>
    <message>
        <source>Copy the GitLab token and the model API key to the new profile too?</source>
        <translation>Copier aussi le jeton GitLab et la clé d'API du modèle dans le nouveau profil ?</translation>
    </message>
    <message>
        <source>Delete profile</source>
        <translation>Supprimer le profil</translation>
    </message>
    <message>
        <source>Delete “%1” and its secrets in the keychain?</source>
        <translation>Supprimer « %1 » et ses secrets du trousseau ?</translation>
    </message>
    <message>
        <source>Import profile</source>
        <translation>Importer un profil</translation>
    </message>
    <message>
        <source>Duo Doctor profile (*.json)</source>
        <translation>Profil Duo Doctor (*.json)</translation>
    </message>
    <message>
        <source>Export profile (without secrets)</source>
        <translation>Exporter le profil (sans secrets)</translation>
    </message>
</context>
<context>
    <name>duo::ui::QuickTest</name>
    <message>
        <source>Test the connection</source>
        <translation>Tester la connexion</translation>
    </message>
    <message>
        <source>Test result</source>
        <translation>Résultat du test</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Test en cours…</translation>
    </message>
    <message>
        <source>Te&amp;st</source>
        <translation>&amp;Tester</translation>
    </message>
    <message>
        <source>Cancel te&amp;st</source>
        <translation>Annuler le &amp;test</translation>
    </message>
    <message>
        <source>Test cancelled.</source>
        <translation>Test annulé.</translation>
    </message>
    <message>
        <source>Test status</source>
        <translation>État du test</translation>
    </message>
</context>
<context>
    <name>duo::ui::RunPage</name>
    <message>
        <source>&amp;Cancel run</source>
        <translation>A&amp;nnuler l&apos;exécution</translation>
    </message>
    <message>
        <source>Running the checks</source>
        <translation>Exécution des vérifications</translation>
    </message>
    <message>
        <source>Checks that do not depend on each other run at the same time. You can cancel at any moment.</source>
        <translation>Les vérifications indépendantes tournent en même temps. Vous pouvez annuler à tout moment.</translation>
    </message>
    <message>
        <source>Checks and their state</source>
        <translation>Vérifications et leur état</translation>
    </message>
    <message>
        <source>Overall progress</source>
        <translation>Progression globale</translation>
    </message>
    <message>
        <source>Cancel the run</source>
        <translation>Annuler l'exécution</translation>
    </message>
    <message>
        <source>%1 of %2 checks</source>
        <translation>%1 sur %2 vérifications</translation>
    </message>
    <message>
        <source>Cancelled. Finished checks keep their results; the others are marked skipped.</source>
        <translation>Annulé. Les vérifications terminées gardent leurs résultats ; les autres sont marquées ignorées.</translation>
    </message>
    <message>
        <source>Done: %1 passed, %2 failed, %3 warnings, %4 skipped, %5 need you. Next shows the diagnosis.</source>
        <translation>Terminé : %1 réussies, %2 en échec, %3 avertissements, %4 ignorées, %5 attendent votre action. Suivant affiche le diagnostic.</translation>
    </message>
    <message>
        <source>The model API key goes to the model server (%1) and, inside the test request's body, to the AI gateway (%2).</source>
        <translation>La clé d'API du modèle va au serveur de modèle (%1) et, dans le corps de la requête de test, à la passerelle IA (%2).</translation>
    </message>
    <message>
        <source>The GitLab token goes to GitLab (%1) only.</source>
        <translation>Le jeton GitLab ne va qu'à GitLab (%1).</translation>
    </message>
    <message>
        <source>No secret was given: no key or token is sent anywhere.</source>
        <translation>Aucun secret fourni : aucune clé ni aucun jeton n'est envoyé nulle part.</translation>
    </message>
    <message>
        <source>Simulated stack “%1” on this computer (127.0.0.1).</source>
        <translation>Pile simulée « %1 » sur ce poste (127.0.0.1).</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>En cours…</translation>
    </message>
    <message numerus="yes">
        <source>%n passed</source>
        <translation>
            <numerusform>%n réussie</numerusform>
            <numerusform>%n réussies</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n en échec</numerusform>
            <numerusform>%n en échec</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n avertissement</numerusform>
            <numerusform>%n avertissements</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n skipped</source>
        <translation>
            <numerusform>%n ignorée</numerusform>
            <numerusform>%n ignorées</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n need(s) you</source>
        <translation>
            <numerusform>%n vous attend</numerusform>
            <numerusform>%n vous attendent</numerusform>
        </translation>
    </message>
    <message>
        <source>Done: %1. Next shows the diagnosis.</source>
        <translation>Terminé : %1. « Suivant » affiche le diagnostic.</translation>
    </message>
    <message>
        <source>Most likely cause</source>
        <translation>Cause la plus probable</translation>
    </message>
    <message>
        <source>Most likely cause (no check still running can change it): %1 — %2</source>
        <translation>Cause la plus probable (aucune vérification encore en cours ne peut la changer) : %1 — %2</translation>
    </message>
</context>
<context>
    <name>duo::ui::SecretField</name>
    <message>
        <source>Show</source>
        <translation>Afficher</translation>
    </message>
    <message>
        <source>Show or hide the secret</source>
        <translation>Afficher ou masquer le secret</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>Masquer</translation>
    </message>
</context>
<context>
    <name>duo::ui::Session</name>
    <message>
        <source>The profile was not saved: %1</source>
        <translation>Le profil n'a pas été enregistré : %1</translation>
    </message>
    <message>
        <source>Saved the profile “%1”; its secrets are in the keychain.</source>
        <translation>Profil « %1 » enregistré ; ses secrets sont dans le trousseau.</translation>
    </message>
    <message>
        <source>Saved the profile “%1” without its secrets: %2 They are used for this session only.</source>
        <translation>Profil « %1 » enregistré sans ses secrets : %2 Ils ne servent que pour cette session.</translation>
    </message>
    <message numerus="yes">
        <source>This setup is no longer the profile “%1”. Its %n pasted output(s) were for its stack and will be cleared. Continue?</source>
        <translation>
            <numerusform>Cette configuration n’est plus le profil « %1 ». Sa sortie collée concernait sa pile et sera effacée. Continuer ?</numerusform>
            <numerusform>Cette configuration n’est plus le profil « %1 ». Ses %n sorties collées concernaient sa pile et seront effacées. Continuer ?</numerusform>
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
        <translation>Diagnostiquer GitLab Duo avec modèles auto-hébergés</translation>
    </message>
    <message>
        <source>Duo Doctor checks GitLab, the AI gateway and your model server the way the troubleshooting guide does, and tells you what to fix. It only reads; it changes nothing.</source>
        <translation>Duo Doctor vérifie GitLab, la passerelle IA et votre serveur de modèle comme le guide de dépannage, et vous dit quoi corriger. Il ne fait que lire ; il ne modifie rien.</translation>
    </message>
    <message>
        <source>&amp;Check my setup</source>
        <translation>&amp;Vérifier ma configuration</translation>
    </message>
    <message>
        <source>Open a saved &amp;profile:</source>
        <translation>&amp;Ouvrir un profil enregistré :</translation>
    </message>
    <message>
        <source>&amp;Try it without a GitLab: a simulated stack on this computer</source>
        <translation>&amp;Essayer sans GitLab : une pile simulée sur ce poste</translation>
    </message>
    <message>
        <source>Simulated problem</source>
        <translation>Problème simulé</translation>
    </message>
    <message>
        <source>Before you begin</source>
        <translation>Avant de commencer</translation>
    </message>
    <message>
        <source>&lt;ul&gt;&lt;li&gt;Access to the GitLab Rails console (&lt;code&gt;sudo gitlab-rails console&lt;/code&gt;) for the manual steps.&lt;/li&gt;&lt;li&gt;A shell in the AI gateway container (&lt;code&gt;docker exec&lt;/code&gt; or &lt;code&gt;kubectl exec&lt;/code&gt;).&lt;/li&gt;&lt;li&gt;The URLs of GitLab, the AI gateway and the model server, the model's name and identifier.&lt;/li&gt;&lt;li&gt;Optionally a personal access token (an administrator's checks the most) and the model's API key.&lt;/li&gt;&lt;li&gt;To see GitLab's requests to the gateway in &lt;code&gt;llm.log&lt;/code&gt;: &lt;code&gt;Feature.enable(:expanded_ai_logging)&lt;/code&gt; — and disable it when you are done.&lt;/li&gt;&lt;/ul&gt;</source>
        <translation>&lt;ul&gt;&lt;li&gt;Un accès à la console Rails de GitLab (&lt;code&gt;sudo gitlab-rails console&lt;/code&gt;) pour les étapes manuelles.&lt;/li&gt;&lt;li&gt;Un shell dans le conteneur de la passerelle IA (&lt;code&gt;docker exec&lt;/code&gt; ou &lt;code&gt;kubectl exec&lt;/code&gt;).&lt;/li&gt;&lt;li&gt;Les URL de GitLab, de la passerelle IA et du serveur de modèle, le nom et l'identifiant du modèle.&lt;/li&gt;&lt;li&gt;Éventuellement un jeton d'accès personnel (celui d'un administrateur vérifie le plus) et la clé d'API du modèle.&lt;/li&gt;&lt;li&gt;Pour voir les requêtes de GitLab vers la passerelle dans &lt;code&gt;llm.log&lt;/code&gt; : &lt;code&gt;Feature.enable(:expanded_ai_logging)&lt;/code&gt; — et désactivez-le ensuite.&lt;/li&gt;&lt;/ul&gt;</translation>
    </message>
    <message>
        <source>Simulated stack</source>
        <translation>Pile simulée</translation>
    </message>
    <message>
        <source>The simulated stack could not start: %1</source>
        <translation>La pile simulée n'a pas pu démarrer : %1</translation>
    </message>
</context>
<context>
    <name>duo::ui::Status</name>
    <message>
        <source>Passed</source>
        <translation>Réussi</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Échec</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Avertissement</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Ignoré</translation>
    </message>
    <message>
        <source>Needs you</source>
        <translation>Attend votre action</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>En attente</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>En cours…</translation>
    </message>
    <message>
        <source>from this desktop</source>
        <translation>depuis ce poste</translation>
    </message>
    <message>
        <source>through GitLab (GitLab made the request)</source>
        <translation>via GitLab (GitLab a fait la requête)</translation>
    </message>
    <message>
        <source>through the AI gateway</source>
        <translation>via la passerelle IA</translation>
    </message>
    <message>
        <source>by you (a manual step)</source>
        <translation>par vous (une étape manuelle)</translation>
    </message>
</context>
<context>
    <name>duo::LogInput</name>
    <message>
        <source>analyze: %1 does not exist.</source>
        <translation>analyze : %1 n&apos;existe pas.</translation>
    </message>
    <message>
        <source>analyze: %1 holds no file to read.</source>
        <translation>analyze : %1 ne contient aucun fichier à lire.</translation>
    </message>
    <message>
        <source>analyze: cannot read %1: %2</source>
        <translation>analyze : impossible de lire %1 : %2</translation>
    </message>
    <message>
        <source>not valid gzip data (%1)</source>
        <translation>données gzip non valides (%1)</translation>
    </message>
</context>
<context>
    <name>duo::AgenticChecks</name>
    <message>
        <source>GitLab routes %1 to this model: they cannot work.</source>
        <translation>GitLab envoie %1 à ce modèle : ces fonctions ne peuvent pas marcher.</translation>
    </message>
    <message>
        <source>No feature that needs tools uses this model in GitLab yet.</source>
        <translation>Dans GitLab, aucune fonction qui a besoin d&apos;outils n&apos;utilise encore ce modèle.</translation>
    </message>
    <message>
        <source>Whether Agentic Chat uses this model is unknown: only an administrator&apos;s token shows GitLab&apos;s feature routing.</source>
        <translation>On ne sait pas si Agentic Chat utilise ce modèle : seul le jeton d&apos;un administrateur montre l&apos;affectation des fonctions de GitLab.</translation>
    </message>
    <message>
        <source>Whether Agentic Chat uses this model is unknown: GitLab&apos;s feature routing could not be read.</source>
        <translation>On ne sait pas si Agentic Chat utilise ce modèle : l&apos;affectation des fonctions de GitLab n&apos;a pas pu être lue.</translation>
    </message>
    <message>
        <source>The model answered with a tool call in %1 ms.</source>
        <translation>Le modèle a répondu par un appel d&apos;outil en %1 ms.</translation>
    </message>
    <message>
        <source>The model wrote its tool call as text; the server did not turn it into tool_calls.</source>
        <translation>Le modèle a écrit son appel d&apos;outil sous forme de texte ; le serveur ne l&apos;a pas converti en tool_calls.</translation>
    </message>
    <message>
        <source>The model answered in prose and ignored the tool.</source>
        <translation>Le modèle a répondu en prose et a ignoré l&apos;outil.</translation>
    </message>
    <message>
        <source>A request with a tool failed: %1</source>
        <translation>Une requête avec un outil a échoué : %1</translation>
    </message>
    <message>
        <source>POST /chat/completions with one tool, tool_choice &quot;auto&quot; and max_tokens 64: %1</source>
        <translation>POST /chat/completions avec un outil, tool_choice &quot;auto&quot; et max_tokens 64 : %1</translation>
    </message>
    <message>
        <source>The stream reached [DONE] without a finish_reason of stop or length.</source>
        <translation>Le flux a atteint [DONE] sans finish_reason stop ou length.</translation>
    </message>
    <message>
        <source>finish_reason &quot;%1&quot;</source>
        <translation>finish_reason &quot;%1&quot;</translation>
    </message>
    <message>
        <source>all %1 tokens arrived within %2 ms, after %3 ms without one (a stream counts as buffered when every token comes within %4 ms after at least %5 ms)</source>
        <translation>les %1 jetons sont tous arrivés en %2 ms, après %3 ms sans aucun (un flux est considéré comme mis en tampon quand chaque jeton arrive en %4 ms après au moins %5 ms)</translation>
    </message>
    <message>
        <source>The stream arrived in one burst: %1.</source>
        <translation>Le flux est arrivé d&apos;un seul coup : %1.</translation>
    </message>
    <message>
        <source>%1 events until [DONE] (finish_reason %2); first token after %3 ms.</source>
        <translation>%1 événements jusqu&apos;à [DONE] (finish_reason %2) ; premier jeton après %3 ms.</translation>
    </message>
    <message>
        <source>Asked to stream, the server sent one JSON answer.</source>
        <translation>Invité à diffuser en flux, le serveur a envoyé une seule réponse JSON.</translation>
    </message>
    <message>
        <source>%1 events, then the connection ended (%2)</source>
        <translation>%1 événements, puis la connexion s&apos;est terminée (%2)</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>fermée</translation>
    </message>
    <message>
        <source>The stream stopped before [DONE]: %1.</source>
        <translation>Le flux s&apos;est arrêté avant [DONE] : %1.</translation>
    </message>
    <message>
        <source>POST /chat/completions with stream true and max_tokens 16: %1</source>
        <translation>POST /chat/completions avec stream true et max_tokens 16 : %1</translation>
    </message>
    <message>
        <source>POST /chat/completions with max_tokens 8 and temperature 0: %1</source>
        <translation>POST /chat/completions avec max_tokens 8 et temperature 0 : %1</translation>
    </message>
    <message>
        <source>The model accepts max_tokens and temperature as the gateway sends them.</source>
        <translation>Le modèle accepte max_tokens et temperature tels que la passerelle les envoie.</translation>
    </message>
    <message>
        <source>Whether Agentic Chat uses this model is unknown: GitLab was not asked (give its URL and an administrator&apos;s token).</source>
        <translation>On ne sait pas si Agentic Chat utilise ce modèle : GitLab n&apos;a pas été interrogé (indiquez son URL et le jeton d&apos;un administrateur).</translation>
    </message>
</context>
<context>
    <name>duo::AgentPlatformChecks</name>
    <message>
        <source>No Agent Platform service address: GitLab has none (or could not be asked) and none was given. Give it with --agent-platform HOST:PORT or in the Agent Platform field of the AI Gateway page.</source>
        <translation>Aucune adresse du service Agent Platform : GitLab n’en a pas (ou n’a pas pu être interrogé) et aucune n’a été donnée. Indiquez-la avec --agent-platform HÔTE:PORT ou dans le champ « Agent Platform » de la page « AI Gateway ».</translation>
    </message>
    <message>
        <source>GitLab&apos;s Agent Platform service address &quot;%1&quot; is not HOST:PORT (see gitlab.agent_platform_url); give the right one with --agent-platform HOST:PORT to check the service anyway.</source>
        <translation>L’adresse du service Agent Platform dans GitLab « %1 » n’est pas de la forme HÔTE:PORT (voir gitlab.agent_platform_url) ; indiquez la bonne avec --agent-platform HÔTE:PORT pour vérifier le service malgré tout.</translation>
    </message>
    <message>
        <source>A direct connection to %1 (%2), the HTTP/2 client preface sent: %3</source>
        <translation>Une connexion directe à %1 (%2), préambule client HTTP/2 envoyé : %3</translation>
    </message>
    <message>
        <source>Nothing answers at %1: %2</source>
        <translation>Rien ne répond à %1 : %2</translation>
    </message>
    <message>
        <source>%1 speaks HTTP/2 in plain text (h2c), as the service does without TLS.</source>
        <translation>%1 parle HTTP/2 en clair (h2c), comme le service sans TLS.</translation>
    </message>
    <message>
        <source>%1 speaks TLS (ALPN: %2), as the service does with DUO_WORKFLOW_TLS__ENABLED=true.</source>
        <translation>%1 parle TLS (ALPN : %2), comme le service avec DUO_WORKFLOW_TLS__ENABLED=true.</translation>
    </message>
    <message>
        <source>%1 answers in HTTP/1 (&quot;%2&quot;), not gRPC.</source>
        <translation>%1 répond en HTTP/1 (« %2 »), pas en gRPC.</translation>
    </message>
    <message>
        <source>%1 accepts connections but speaks neither HTTP/2, TLS nor HTTP/1.</source>
        <translation>%1 accepte les connexions mais ne parle ni HTTP/2, ni TLS, ni HTTP/1.</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>rien</translation>
    </message>
    <message>
        <source>The Agent Platform service reports SERVING (%1 ms).</source>
        <translation>Le service Agent Platform indique SERVING (%1 ms).</translation>
    </message>
    <message>
        <source>The service answers gRPC but has no health service (UNIMPLEMENTED).</source>
        <translation>Le service répond en gRPC mais n’a pas de service de santé (UNIMPLEMENTED).</translation>
    </message>
    <message>
        <source>The Agent Platform service reports %1.</source>
        <translation>Le service Agent Platform indique %1.</translation>
    </message>
    <message>
        <source>The health call failed with gRPC status %1: %2</source>
        <translation>L’appel de santé a échoué avec le statut gRPC %1 : %2</translation>
    </message>
    <message>
        <source>HTTP/2 answered (HTTP %1), but not gRPC.</source>
        <translation>HTTP/2 a répondu (HTTP %1), mais pas gRPC.</translation>
    </message>
    <message>
        <source>POST %1 (gRPC, HTTP/2): %2</source>
        <translation>POST %1 (gRPC, HTTP/2) : %2</translation>
    </message>
    <message>
        <source>The service speaks TLS, GitLab connects to it in plain text.</source>
        <translation>Le service parle TLS, GitLab s’y connecte en clair.</translation>
    </message>
    <message>
        <source>The service speaks plain text, GitLab connects to it with TLS.</source>
        <translation>Le service parle en clair, GitLab s’y connecte avec TLS.</translation>
    </message>
    <message>
        <source>The health call got no answer: %1</source>
        <translation>L’appel de santé n’a pas reçu de réponse : %1</translation>
    </message>
    <message>
        <source>The health call came back over HTTP/1.1 (HTTP %1): HTTP/2 was downgraded on the way.</source>
        <translation>L’appel de santé est revenu en HTTP/1.1 (HTTP %1) : HTTP/2 a été rétrogradé en chemin.</translation>
    </message>
    <message>
        <source>No Agent Platform service address.</source>
        <translation>Aucune adresse du service Agent Platform.</translation>
    </message>
</context>
<context>
    <name>duo::WebSocketChecks</name>
    <message>
        <source>GitLab answered 101, but not with this handshake&apos;s Sec-WebSocket-Accept.</source>
        <translation>GitLab a répondu 101, mais pas avec le Sec-WebSocket-Accept de cette négociation.</translation>
    </message>
    <message>
        <source>GitLab accepted the WebSocket (101), then closed it at once with code %1.</source>
        <translation>GitLab a accepté le WebSocket (101), puis l’a fermé aussitôt avec le code %1.</translation>
    </message>
    <message>
        <source>GitLab accepted the WebSocket (101) and closed it cleanly (1000).</source>
        <translation>GitLab a accepté le WebSocket (101) et l’a fermé proprement (1000).</translation>
    </message>
    <message>
        <source>GitLab accepted the WebSocket (101).</source>
        <translation>GitLab a accepté le WebSocket (101).</translation>
    </message>
    <message>
        <source>WebSocket upgrade of GET %1 with the token: %2</source>
        <translation>Upgrade WebSocket de GET %1 avec le jeton : %2</translation>
    </message>
    <message>
        <source>GitLab answered HTTP %1 instead of 101.</source>
        <translation>GitLab a répondu HTTP %1 au lieu de 101.</translation>
    </message>
    <message>
        <source>No WebSocket: %1</source>
        <translation>Pas de WebSocket : %1</translation>
    </message>
    <message>
        <source>GitLab has no Agent Platform WebSocket (HTTP 404).</source>
        <translation>GitLab n’a pas de WebSocket pour l’Agent Platform (HTTP 404).</translation>
    </message>
    <message>
        <source>GitLab answered HTTP %1 instead of 101 Switching Protocols.</source>
        <translation>GitLab a répondu HTTP %1 au lieu de 101 Switching Protocols.</translation>
    </message>
</context>
<context>
    <name>duo::WebSocketProbe</name>
    <message>
        <source>the server closed the connection before answering</source>
        <translation>le serveur a fermé la connexion avant de répondre</translation>
    </message>
    <message>
        <source>the answer&apos;s head is larger than %1 bytes</source>
        <translation>l’en-tête de la réponse dépasse %1 octets</translation>
    </message>
    <message>
        <source>not an HTTP/1.1 answer</source>
        <translation>pas une réponse HTTP/1.1</translation>
    </message>
</context>
<context>
    <name>duo::ui::SecretMessages</name>
    <message>
        <source>The GitLab token is in the keychain.</source>
        <translation>Le jeton GitLab est dans le trousseau.</translation>
    </message>
    <message>
        <source>The GitLab token was not stored (%1); it is used for this session only.</source>
        <translation>Le jeton GitLab n’a pas été enregistré (%1) ; il ne sert que pour cette session.</translation>
    </message>
    <message>
        <source>The GitLab token was restored from the keychain.</source>
        <translation>Le jeton GitLab a été restauré depuis le trousseau.</translation>
    </message>
    <message>
        <source>The GitLab token could not be read (%1): type it here; it is used for this session only.</source>
        <translation>Le jeton GitLab n’a pas pu être lu (%1) : saisissez-le ici ; il ne sert que pour cette session.</translation>
    </message>
    <message>
        <source>The model API key is in the keychain.</source>
        <translation>La clé d’API du modèle est dans le trousseau.</translation>
    </message>
    <message>
        <source>The model API key was not stored (%1); it is used for this session only.</source>
        <translation>La clé d’API du modèle n’a pas été enregistrée (%1) ; elle ne sert que pour cette session.</translation>
    </message>
    <message>
        <source>The model API key was restored from the keychain.</source>
        <translation>La clé d’API du modèle a été restaurée depuis le trousseau.</translation>
    </message>
    <message>
        <source>The model API key could not be read (%1): type it on the Model page; it is used for this session only.</source>
        <translation>La clé d’API du modèle n’a pas pu être lue (%1) : saisissez-la sur la page Modèle ; elle ne sert que pour cette session.</translation>
    </message>
    <message>
        <source>the keychain is locked or not available</source>
        <translation>le trousseau est verrouillé ou indisponible</translation>
    </message>
    <message>
        <source>access to the keychain was refused</source>
        <translation>l’accès au trousseau a été refusé</translation>
    </message>
    <message>
        <source>the keychain reported an error</source>
        <translation>le trousseau a signalé une erreur</translation>
    </message>
    <message>
        <source>Saved the profile “%1”; no secret was given, so none is kept.</source>
        <translation>Profil « %1 » enregistré ; aucun secret n’a été saisi, aucun n’est donc conservé.</translation>
    </message>
    <message>
        <source>Saved the profile “%1”; its secrets are in the keychain: the GitLab token and the model API key.</source>
        <translation>Profil « %1 » enregistré ; ses secrets sont dans le trousseau : le jeton GitLab et la clé d’API du modèle.</translation>
    </message>
    <message>
        <source>Saved the profile “%1”.</source>
        <translation>Profil « %1 » enregistré.</translation>
    </message>
    <message>
        <source>No secrets are stored for “%1”: type the token and the key if the checks need them.</source>
        <translation>Aucun secret n’est enregistré pour « %1 » : saisissez le jeton et la clé si les vérifications en ont besoin.</translation>
    </message>
</context>
<context>
    <name>duo::Diagnosis</name>
    <message>
        <source>This desktop cannot reach the model server; GitLab and the gateway can.</source>
        <translation>Ce poste n’atteint pas le serveur de modèle ; GitLab et la passerelle l’atteignent.</translation>
    </message>
    <message>
        <source>Nothing to fix for GitLab Duo here. For this desktop&apos;s own checks, give it the route the gateway&apos;s network has: a --resolve HOST:PORT:ADDRESS entry (in the wizard: Advanced, on the AI gateway page), or run Duo Doctor on a host of that network.</source>
        <translation>Rien à corriger pour GitLab Duo ici. Pour les vérifications de ce poste, donnez-lui la route du réseau de la passerelle : une entrée --resolve HÔTE:PORT:ADRESSE (dans l’assistant : Avancé, page Passerelle IA), ou lancez Duo Doctor sur un hôte de ce réseau.</translation>
    </message>
</context>
<context>
    <name>duo::ui::UrlField</name>
    <message>
        <source>Required to continue.</source>
        <translation>Nécessaire pour continuer.</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>Obligatoire</translation>
    </message>
    <message>
        <source>Not valid</source>
        <translation>Non valide</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Effacer</translation>
    </message>
</context>
<context>
    <name>duo::Platforms</name>
    <message>
        <source>OpenAI-compatible server</source>
        <translation>Serveur compatible OpenAI</translation>
    </message>
    <message>
        <source>This desktop calls the model server&apos;s OpenAI API at the endpoint; the gateway and GitLab are checked calling it too.</source>
        <translation>Ce poste appelle l&apos;API OpenAI du serveur de modèle au point de terminaison ; les appels de la passerelle et de GitLab sont aussi vérifiés.</translation>
    </message>
    <message>
        <source>Bedrock Mantle</source>
        <translation>Bedrock Mantle</translation>
    </message>
    <message>
        <source>Bedrock Mantle speaks the OpenAI API at https://bedrock-mantle.&lt;region&gt;.api.aws/v1: this desktop calls it when given that endpoint; the gateway and GitLab are checked calling it too.</source>
        <translation>Bedrock Mantle parle l&apos;API OpenAI à https://bedrock-mantle.&lt;region&gt;.api.aws/v1 : ce poste l&apos;appelle si ce point de terminaison est indiqué ; les appels de la passerelle et de GitLab sont aussi vérifiés.</translation>
    </message>
    <message>
        <source>AWS Bedrock</source>
        <translation>AWS Bedrock</translation>
    </message>
    <message>
        <source>Bedrock: the gateway calls AWS with its own credentials and region; this desktop checks the identifier&apos;s form, then the gateway&apos;s and GitLab&apos;s requests and what AWS answered them.</source>
        <translation>Bedrock : la passerelle appelle AWS avec ses propres identifiants et sa région ; ce poste vérifie la forme de l&apos;identifiant, puis les requêtes de la passerelle et de GitLab et ce qu&apos;AWS y a répondu.</translation>
    </message>
    <message>
        <source>Azure OpenAI</source>
        <translation>Azure OpenAI</translation>
    </message>
    <message>
        <source>Azure OpenAI: this desktop calls the deployment at the resource URL (api-key header, api-version); the gateway and GitLab are checked calling it too.</source>
        <translation>Azure OpenAI : ce poste appelle le déploiement à l&apos;URL de la ressource (en-tête api-key, api-version) ; les appels de la passerelle et de GitLab sont aussi vérifiés.</translation>
    </message>
    <message>
        <source>Google Vertex AI</source>
        <translation>Google Vertex AI</translation>
    </message>
    <message>
        <source>Vertex AI: the gateway calls Google&apos;s hosted API with its own credentials; only the gateway&apos;s and GitLab&apos;s requests are checked.</source>
        <translation>Vertex AI : la passerelle appelle l&apos;API hébergée de Google avec ses propres identifiants ; seules les requêtes de la passerelle et de GitLab sont vérifiées.</translation>
    </message>
    <message>
        <source>Anthropic API</source>
        <translation>API Anthropic</translation>
    </message>
    <message>
        <source>Anthropic: the gateway calls Anthropic&apos;s hosted API with its own key; only the gateway&apos;s and GitLab&apos;s requests are checked.</source>
        <translation>Anthropic : la passerelle appelle l&apos;API hébergée d&apos;Anthropic avec sa propre clé ; seules les requêtes de la passerelle et de GitLab sont vérifiées.</translation>
    </message>
    <message>
        <source>OpenAI API</source>
        <translation>API OpenAI</translation>
    </message>
    <message>
        <source>OpenAI: the gateway calls OpenAI&apos;s hosted API with its own key; only the gateway&apos;s and GitLab&apos;s requests are checked.</source>
        <translation>OpenAI : la passerelle appelle l&apos;API hébergée d&apos;OpenAI avec sa propre clé ; seules les requêtes de la passerelle et de GitLab sont vérifiées.</translation>
    </message>
    <message>
        <source>Bedrock: the gateway calls AWS; this desktop does not.</source>
        <translation>Bedrock : la passerelle appelle AWS, ce poste non.</translation>
    </message>
    <message>
        <source>Vertex AI: the gateway calls Google; this desktop does not.</source>
        <translation>Vertex AI : la passerelle appelle Google, ce poste non.</translation>
    </message>
    <message>
        <source>Anthropic: the gateway calls Anthropic&apos;s API; this desktop does not.</source>
        <translation>Anthropic : la passerelle appelle l&apos;API d&apos;Anthropic, ce poste non.</translation>
    </message>
    <message>
        <source>OpenAI: the gateway calls OpenAI&apos;s API; this desktop does not.</source>
        <translation>OpenAI : la passerelle appelle l&apos;API d&apos;OpenAI, ce poste non.</translation>
    </message>
</context>
<context>
    <name>duo::PlatformChecks</name>
    <message>
        <source>The identifier names no Azure deployment: use azure/&lt;deployment name&gt;.</source>
        <translation>L&apos;identifiant ne nomme aucun déploiement Azure : utilisez azure/&lt;nom du déploiement&gt;.</translation>
    </message>
    <message>
        <source>The Azure endpoint already ends in %1: use the resource URL %2.</source>
        <translation>Le point de terminaison Azure se termine déjà par %1 : utilisez l&apos;URL de la ressource %2.</translation>
    </message>
    <message>
        <source>%1 is not an Azure api-version (YYYY-MM-DD or YYYY-MM-DD-preview).</source>
        <translation>%1 n&apos;est pas une api-version Azure (AAAA-MM-JJ ou AAAA-MM-JJ-preview).</translation>
    </message>
    <message>
        <source>bedrock/converse/ must be followed by an application inference profile&apos;s ARN, not %1.</source>
        <translation>bedrock/converse/ doit être suivi de l&apos;ARN d&apos;un profil d&apos;inférence d&apos;application, pas de %1.</translation>
    </message>
    <message>
        <source>%1 has no on-demand throughput: name it by an inference profile, such as %2.</source>
        <translation>%1 n&apos;a pas de débit à la demande : désignez-le par un profil d&apos;inférence, par exemple %2.</translation>
    </message>
    <message>
        <source>%1 (no identifier given).</source>
        <translation>%1 (aucun identifiant indiqué).</translation>
    </message>
    <message>
        <source>%1 (%2): the endpoint is not used from here; %3</source>
        <translation>%1 (%2) : le point de terminaison n&apos;est pas utilisé d&apos;ici ; %3</translation>
    </message>
    <message>
        <source>%1 (%2).</source>
        <translation>%1 (%2).</translation>
    </message>
</context>
</TS>
