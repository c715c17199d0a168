<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>duo::Catalog</name>
    <message>
        <location filename="../core/catalog.cpp" line="+36"/>
        <source>GitLab answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Personal access token is valid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>GitLab edition and version support self-hosted models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>License is present and not expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>User may use Code Suggestions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Code Suggestions use the self-hosted model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>GitLab&apos;s AI gateway URL is this gateway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A code suggestion through GitLab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>GitLab reaches the AI gateway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>GitLab reaches the model through the gateway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>AI gateway answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>AI gateway can process requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>AI gateway accepts requests without a GitLab token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>AI gateway gets an answer from the model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The gateway can reach the model&apos;s address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Model server answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Model server type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Endpoint path serves the OpenAI API</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Model server accepts the API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Model server serves this model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Model generates an answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Log GitLab&apos;s AI requests (expanded_ai_logging)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>GitLab&apos;s verification task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The gateway&apos;s troubleshooting script</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>GitLab&apos;s AI_GATEWAY_URL (Rails console)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>GitLab&apos;s HTTP request to the gateway (Rails console)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>GitLab&apos;s request to the model (Rails console)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>User may access Code Suggestions (Rails console)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Gateway environment variables (container shell)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Gateway health from inside its container</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Model request from inside the gateway container</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Model reachable from inside the gateway container</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Gateway image platform matches the host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>GitLab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>AI Gateway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Manual steps</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>duo::CheckContext</name>
    <message>
        <location filename="../core/checkcontext.cpp" line="+163"/>
        <source>An answer Duo Doctor does not recognise: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Compare with the manual steps below and the server&apos;s log; the evidence shows the exact answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+25"/>
        <source>HTTP %1 in %2 ms</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>duo::CheckEngine</name>
    <message>
        <location filename="../core/engine.cpp" line="+104"/>
        <source>Cancelled before it finished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+78"/>
        <source>Not run: it needs &quot;%1&quot; (%2), which failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not run: it needs &quot;%1&quot; (%2), which was skipped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not run: it needs &quot;%1&quot; (%2), which could not be checked from here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Not run: needs an administrator&apos;s token; %1 is not an administrator.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>duo::Commands</name>
    <message>
        <location filename="../core/commandsets.cpp" line="+17"/>
        <source>Docker: restart the gateway on the host network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Kubernetes: run the gateway pod on the node&apos;s network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Docker: ask the model from inside the gateway container</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Kubernetes: the same from the gateway pod</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Docker: show the gateway&apos;s settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+19"/>
        <location line="+7"/>
        <location line="+8"/>
        <source>Kubernetes: the same in the gateway pod</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-31"/>
        <source>Docker: recreate the gateway with the required settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Kubernetes: set them on the deployment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Docker: the gateway&apos;s recent log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Kubernetes: the gateway pod&apos;s recent log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Docker: health from inside the gateway container</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Docker: the model request from inside the gateway container</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Docker: the gateway&apos;s troubleshooting script</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Docker: pull and run the amd64 image explicitly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Linux package: GitLab&apos;s own verification task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Kubernetes (Helm chart): from the toolbox pod</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Rails console: the gateway URL GitLab uses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Linux package: set it in /etc/gitlab/gitlab.rb, then reconfigure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Rails console: can GitLab reach the gateway?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Rails console: add the gateway host to the outbound allow-list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Rails console: GitLab -&gt; gateway -&gt; model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Rails console: may this user use Code Suggestions?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Rails console: the current license</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Rails console: which model each feature uses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Rails console: log GitLab &lt;-&gt; gateway traffic to llm.log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rails console: turn it off again when you are done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>From this desktop: what the model server serves</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>duo::GatewayChecks</name>
    <message>
        <location filename="../core/checks/gatewaychecks.cpp" line="+48"/>
        <source>No AI gateway URL given: gateway checks are skipped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>GET %1 from this desktop: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The AI gateway did not answer: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The AI gateway answered in %1 ms.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>GET /monitoring/healthz: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The AI gateway reports healthy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>/monitoring/healthz answered HTTP %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>POST /v1/chat/agent without a token and with an empty body: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Requests without a GitLab token get past authentication (HTTP %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Requests without a GitLab token are refused (HTTP %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Needs the model name and endpoint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>POST /v1/chat/agent with the troubleshooting page&apos;s body (model %1, endpoint %2): %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The model answered through the gateway in %1 ms: &quot;%2&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The gateway answered HTTP %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>duo::GitLabChecks</name>
    <message>
        <location filename="../core/checks/gitlabchecks.cpp" line="+84"/>
        <source>GitLab answered HTTP %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+19"/>
        <source>No GitLab URL given: GitLab checks are skipped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>GET %1 from this desktop: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>GitLab did not answer: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Something answers at %1, but not GitLab&apos;s API (HTTP %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The URL reaches a web server, but /api/v4/metadata is not GitLab&apos;s API there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use GitLab&apos;s external URL (the external_url in /etc/gitlab/gitlab.rb), including any relative path such as /gitlab.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>GitLab answered in %1 ms (HTTP %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No personal access token given (--gitlab-token-env): checks that ask GitLab are skipped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>GitLab rejected the token (HTTP 401).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>not an administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Token of %1 (%2), scopes: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The token has neither the api nor the read_api scope: most checks cannot ask GitLab.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create a token with the read_api scope (api for GitLab&apos;s own connection check).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>License, feature settings, the AI gateway URL and GitLab&apos;s connection check need an administrator&apos;s token; they are skipped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+25"/>
        <source>GitLab %1 is the Community Edition.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>GitLab %1 is older than 17.0.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>GitLab %1 Enterprise Edition; the matching gateway image tag is %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>GitLab refused to show the license: it needs an administrator&apos;s token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>GitLab has no license.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The %1 license expired on %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 license, no expiry date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 license, valid until %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>This GitLab version cannot answer remotely; run the manual step manual.user_access.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1 may not use Code Suggestions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 may use Code Suggestions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>GitLab refused to show the feature settings: it needs an administrator&apos;s token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This GitLab version cannot list feature settings remotely; check them in Admin &gt; Settings &gt; General &gt; AI-powered features.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Code Suggestions not configured</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not set to a self-hosted model: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Code Suggestions and code generation use the self-hosted model %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>GitLab refused to show its Duo settings: it needs an administrator&apos;s token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This GitLab version keeps the URL in AI_GATEWAY_URL; run the manual step manual.gitlab_env.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>GitLab has no AI gateway URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>GitLab uses the AI gateway at %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>GitLab uses this gateway (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>GitLab reaches the gateway as %1, you entered %2; GitLab&apos;s own probe passes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only the host name differs: GitLab may know the gateway by an internal name. Make sure both names point to the same gateway.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>GitLab&apos;s AI gateway URL is %1, not %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>GitLab cannot run its probes for this token or version; run the manual step manual.gitlab_http_gateway.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <source>GitLab returned no probe results; run the manual step manual.gitlab_http_gateway.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>GitLab&apos;s own probes reach the AI gateway.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>GitLab cannot reach the AI gateway: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The token lacks the api or ai_features scope that Code Suggestions need.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>POST /api/v4/code_suggestions/completions, as an IDE does: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>GitLab returned a code suggestion in %1 ms.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>GitLab answered, but without a suggestion.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>GitLab answered HTTP %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Needs the model name and endpoint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>GitLab cannot run its connection check for this token or version; run the manual step manual.console_model_request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>GitLab -&gt; gateway -&gt; model works: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>GitLab&apos;s connection check failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>duo::HttpClient</name>
    <message>
        <location filename="../core/httpclient.cpp" line="+208"/>
        <source>no complete answer within %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the answer is larger than %1 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+19"/>
        <source>redirected to another server (%1); not followed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>more than %1 redirects (a redirect loop?)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>duo::InputValidation</name>
    <message>
        <location filename="../core/inputvalidation.cpp" line="+22"/>
        <source>Remove the page path (%1): enter GitLab&apos;s base URL, e.g. https://gitlab.example.com.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove the path (%1): enter the gateway&apos;s base URL, e.g. http://aigw.example.com:5052.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove %1 from the end: the endpoint is the API base, e.g. http://vllm.example.com:8000/v1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>GitLab URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>AI gateway URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>model endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Enter a URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove the spaces inside the URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Start with http:// or https://.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This is not a valid URL: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Use http:// or https://, not %1://.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add the host name after %1://.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove the user name or password from the URL; credentials go in their own field.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove the part after ? or #.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>duo::ManualChecks</name>
    <message>
        <location filename="../core/checks/manualchecks.cpp" line="+30"/>
        <source>Rails console (sudo gitlab-rails console). Turn it on before you reproduce the problem; llm.log then records GitLab&apos;s requests to the gateway. Turn it off again afterwards: it logs prompts and answers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run the command in the Rails console as an administrator; it prints true when the flag is on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>On the GitLab server. Paste the whole output: each ✔, ⚠ and ✗ line becomes a result.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The first ✗ line names the broken step; the matching automatic check above has the fix.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>In the AI gateway container (newer images: poetry run troubleshoot). Paste the whole output.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set the variables the script names when recreating the container, and compare the model request with gateway.model_request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+9"/>
        <source>Rails console. Paste what it prints.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Set GitLab&apos;s AI gateway URL to {gateway_url} (Admin &gt; GitLab Duo, or AI_GATEWAY_URL before 17.9), then reconfigure.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rails console. Paste what it prints (200 when GitLab reaches the gateway).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>GitLab&apos;s host cannot reach {gateway_url}: check the firewall, DNS, proxy variables (no_proxy) and the outbound request allow-list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rails console; put the model&apos;s key where &lt;your-model-api-key&gt; stands. Paste what it prints (a &quot;response&quot;=&gt; hash when it works).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>See which automatic check fails on the same path: user access, the AI gateway URL, GitLab&apos;s probe of the gateway, or the gateway&apos;s request to the model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Assign {gitlab_username} a GitLab Duo seat, check the license and that Code Suggestions use the self-hosted model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Shell in the AI gateway container. Both lines must be true.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recreate the gateway container with -e AIGW_AUTH__BYPASS_EXTERNAL=true -e AIGW_CUSTOM_MODELS__ENABLED=true.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Shell access to the AI gateway container. Paste the status code it prints.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The gateway is not installed correctly: read its log and reinstall it with the image matching GitLab.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+3"/>
        <source>Shell access to the AI gateway container; put the model&apos;s key where &lt;your-model-api-key&gt; stands. Paste the answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Check the gateway&apos;s variables (manual.aigw_env), the model name and endpoint, and whether the model is reachable from the container (manual.model_from_gateway).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The container cannot reach {model_endpoint}: if the endpoint names localhost, run the gateway with --network host; otherwise ask your network administrator to open the way from the container to {model_host}:{model_port}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Where you start the gateway container. Paste the output of docker run when it fails.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add --platform linux/amd64 to the docker run command.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+23"/>
        <source>No instructions for this step.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Run the command below and paste its output here.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>duo::ManualJudge</name>
    <message>
        <location filename="../core/manualjudge.cpp" line="+101"/>
        <source>The output reports a failure: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The output reports a warning: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n step(s) passed.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No ✔, ⚠ or ✗ line recognised: is this the whole output?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Both variables are true.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Expected two lines &quot;true&quot;, got: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>nothing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The output shows it works.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The output shows a failure.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The output is not what this step expects; check it by hand.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>duo::ModelChecks</name>
    <message>
        <location filename="../core/checks/modelchecks.cpp" line="+50"/>
        <source>No model endpoint given: model checks are skipped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+87"/>
        <source>GET %1 from this desktop: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The model server answered in %1 ms.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The model server did not answer: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 does not resolve here; it may be a name only the gateway&apos;s network knows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Recognised by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Could not tell which model server this is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>None of the vLLM, Ollama, LiteLLM, TGI or llama.cpp fingerprints matched; fixes stay generic.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The model server is %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>GET %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 answers with the OpenAI model list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 exists (it asks for a key; model.auth judges the key).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The endpoint lacks /v1: use %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No OpenAI-compatible model list at this endpoint (HTTP %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The model server accepts the key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The model server needs no key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The model server rejected the key (HTTP %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The model server needs a key and none was given (HTTP %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+24"/>
        <source>nothing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The identifier lacks custom_openai/: use %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 is not served; the server serves: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The server serves %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+23"/>
        <source>POST /chat/completions with max_tokens 1: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The model generated a token in %1 ms.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>HTTP %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+24"/>
        <source>%1 is the gateway container itself: this desktop reaches the model, the gateway does not.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This desktop reaches %1, the gateway does not.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The endpoint names the local host (%1): the gateway reaches it only when it runs on the host network.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Inside a container, localhost, 127.0.0.1 and 0.0.0.0 are the container itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Prefer an address of the model host that the container can reach, or run the gateway with --network host.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The endpoint names the local host and the gateway reaches it (it shares the host&apos;s network).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot compare: this desktop does not reach the model either (see model.reachable).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The endpoint names a host (%1), not the gateway&apos;s own container.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>duo::ReportWriters</name>
    <message>
        <location filename="../core/reportwriters.cpp" line="+49"/>
        <source>GitLab %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>AI gateway %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>model %1 at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 passed, %2 failed, %3 warnings, %4 skipped, %5 manual</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+24"/>
        <location line="+39"/>
        <location line="+2"/>
        <source>Duo Doctor report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-39"/>
        <location line="+40"/>
        <source>Root causes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-38"/>
        <location line="+40"/>
        <location line="+56"/>
        <source>No check failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-93"/>
        <location line="+40"/>
        <location line="+58"/>
        <source>Fix:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-94"/>
        <location line="+40"/>
        <source>Explains:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-37"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+80"/>
        <source>Duo Doctor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The run was cancelled; unfinished checks are marked skipped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Root causes (most likely first)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Explains: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Manual steps: run the commands shown by --format json or the report, then pass their output with --manual-output ID=FILE.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>duo::Signatures</name>
    <message>
        <location filename="../core/signatures.cpp" line="+21"/>
        <source>The name {gitlab_host} does not resolve from this desktop.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the GitLab URL ({gitlab_url}) for a typo. If the name is only known inside your network, connect to that network (VPN) or use the address GitLab is reachable at.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing accepts connections at {gitlab_host}:{gitlab_port}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check that GitLab is running (sudo gitlab-ctl status) and that the port in {gitlab_url} is the one GitLab listens on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>GitLab did not answer within {timeout} s: a firewall drops the traffic, or GitLab is overloaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the firewall between this desktop and {gitlab_host}, then GitLab&apos;s health on the server (sudo gitlab-ctl status).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The TLS handshake with GitLab failed: its certificate is not trusted here, or the URL uses the wrong scheme.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>If GitLab uses a private certificate authority, add it to this desktop&apos;s trust store (Debian: copy it to /usr/local/share/ca-certificates/ and run update-ca-certificates). Check http:// versus https:// in {gitlab_url}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>GitLab redirected the API request ({message}); the URL is not GitLab&apos;s external URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use GitLab&apos;s external_url exactly as set in /etc/gitlab/gitlab.rb, including the scheme and any relative path.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>GitLab rejected the personal access token: it is revoked, expired or mistyped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create a new personal access token with the read_api scope (api to run GitLab&apos;s own connection check) at {gitlab_url}/-/user_settings/personal_access_tokens and pass it in the environment variable named by --gitlab-token-env.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>GitLab {gitlab_version} is the Community Edition; self-hosted models need the Enterprise Edition.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Install the gitlab-ee package of the same version (an in-place upgrade from CE to EE), add a license with GitLab Duo, then run the gateway image {aigw_image}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>GitLab {gitlab_version} predates GitLab Duo Self-Hosted (GitLab 17.x or later).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Upgrade GitLab to a current 17.x or 18.x release, then run the gateway image whose tag matches it: self-hosted-v&lt;version&gt;-ee.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>GitLab&apos;s license expired on {license_expires_at}; GitLab Duo stops working with it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a renewed license (Admin &gt; Subscription, or Admin &gt; Settings &gt; General &gt; Add License), then sync the subscription so GitLab Duo seats return.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>GitLab has no license: GitLab Duo needs Premium or Ultimate with GitLab Duo Enterprise.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a license: Admin &gt; Subscription (or Admin &gt; Settings &gt; General &gt; Add License).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Code Suggestions and code generation are not set to a self-hosted model ({message}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In GitLab: Admin &gt; GitLab Duo &gt; Self-hosted models &gt; AI-native features (older versions: Admin &gt; Settings &gt; General &gt; AI-powered features), set Code Suggestions and Code generation to Self-hosted model and choose {deployment_name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>GitLab says {gitlab_username} may not use Code Suggestions: no GitLab Duo seat, a license without GitLab Duo, or the features not set to a self-hosted model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assign {gitlab_username} a GitLab Duo seat (Admin &gt; GitLab Duo &gt; Seat utilization). If the seat is there, the license and feature checks name the missing piece.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>GitLab has no AI gateway URL: Duo features fail with error A1001.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set it to {gateway_url}: Admin &gt; GitLab Duo &gt; Change configuration &gt; Local AI Gateway URL (before 17.9: the AI_GATEWAY_URL environment variable in /etc/gitlab/gitlab.rb, then sudo gitlab-ctl reconfigure).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>GitLab sends its AI gateway traffic to {gitlab_gateway_url}, not to the gateway you entered ({gateway_url}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set GitLab&apos;s AI gateway URL to {gateway_url}: Admin &gt; GitLab Duo &gt; Change configuration &gt; Local AI Gateway URL (before 17.9: AI_GATEWAY_URL in /etc/gitlab/gitlab.rb, then sudo gitlab-ctl reconfigure).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>GitLab&apos;s outbound request rules block the gateway&apos;s private address ({gateway_host}): &quot;{message}&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Admin &gt; Settings &gt; Network &gt; Outbound requests: add {gateway_host} to &quot;Local IP addresses and domain names that hooks and integrations can access&quot;, or allow requests to the local network.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>GitLab&apos;s request to the gateway went through a proxy that cannot reach it: &quot;{message}&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>On the GitLab host, add {gateway_host} to no_proxy (gitlab_rails[&apos;env&apos;] in /etc/gitlab/gitlab.rb), then sudo gitlab-ctl reconfigure.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>GitLab cannot reach the gateway at {gitlab_gateway_url}: &quot;{message}&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From the GitLab host, check that {gitlab_gateway_url} resolves and that the firewall lets GitLab reach it; the console command shows what GitLab sees.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The gateway refuses GitLab&apos;s own requests: &quot;{message}&quot;. It cannot validate GitLab&apos;s token or its instance headers (stale license data, a wrong AIGW_GITLAB_URL, or a stale key cache).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sync the subscription (Admin &gt; Subscription &gt; Sync), make sure the gateway runs with AIGW_GITLAB_URL={gitlab_url} and AIGW_GITLAB_API_URL={gitlab_api_url} and can reach them, then restart the gateway.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>GitLab refuses Code Suggestions to {gitlab_username}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assign {gitlab_username} a GitLab Duo seat (Admin &gt; GitLab Duo &gt; Seat utilization) and check the license and feature settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The name {gateway_host} does not resolve from this desktop.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the gateway URL ({gateway_url}) for a typo, or use the address GitLab uses for it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing accepts connections at {gateway_host}:{gateway_port}: the gateway is not running, or listens on another port (the self-hosted image uses 5052).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start the gateway container (docker ps -a, then docker start &lt;ai-gateway-container&gt;) and check the port in {gateway_url}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No answer from {gateway_host}:{gateway_port} within {timeout} s: a firewall drops the traffic, or the gateway hangs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the firewall between this desktop and {gateway_host} and the gateway&apos;s log; confirm that {gateway_url} is the gateway&apos;s address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The TLS handshake with the gateway failed: its certificate is not trusted here, or the URL uses the wrong scheme.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The self-hosted gateway speaks plain HTTP on 5052 unless a proxy terminates TLS in front of it: check http:// versus https:// in {gateway_url}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The gateway answers but /monitoring/healthz says it cannot process requests (HTTP {http_status}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read the gateway&apos;s log for the failing component, then reinstall it following &quot;Install the GitLab AI gateway&quot; with the image {aigw_image}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The gateway demands a GitLab token on every request: AIGW_AUTH__BYPASS_EXTERNAL is not true.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recreate the gateway container with -e AIGW_AUTH__BYPASS_EXTERNAL=true, as self-hosted models require.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The gateway refuses self-hosted models: AIGW_CUSTOM_MODELS__ENABLED is not true.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recreate the gateway container with -e AIGW_CUSTOM_MODELS__ENABLED=true.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The gateway cannot tell which protocol to speak: the identifier {model_identifier} has no provider prefix.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set the identifier to custom_openai/{served_model_id} for an OpenAI-compatible server (bedrock/… for Bedrock, azure/… for Azure).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The gateway could not open a connection to the model at {model_endpoint}: &quot;{message}&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run the request from inside the gateway container (below). If it fails there, fix the network between the gateway and {model_host}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The model server does not know the model the gateway asked for: &quot;{message}&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The part of the identifier after custom_openai/ must equal an id from {models_url}; check the endpoint ends in /v1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The model server rejected the API key the gateway sent: &quot;{message}&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use the key the model server expects, here and in GitLab&apos;s self-hosted model {deployment_name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The gateway rejected the request as malformed (HTTP 422): &quot;{message}&quot;. Usually the model name {model_name} is not a family this gateway version knows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use a model name GitLab lists for self-hosted models (mistral, codestral, llama3, codegemma, general…) and a gateway image matching GitLab: {aigw_image}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No answer within {inference_timeout} s: the model generates too slowly, or the gateway waits on a model it cannot reach.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>See model.completion: raise GitLab&apos;s AI gateway request timeout (Admin &gt; GitLab Duo, 60–600 s, GitLab 18.7 and later) or use a faster model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The endpoint {model_endpoint} names the local host. Inside the gateway&apos;s container that is the container itself, not the machine the model server runs on: this desktop reaches the model, the gateway does not.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run the gateway container with --network host and -e AIGW_FASTAPI__METRICS_PORT=8083 (the metrics port would clash on the host network), or give the endpoint an address of the model host that the container can reach, here and in GitLab.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This desktop reaches {model_host}, the gateway does not: a firewall, a DNS name the container cannot resolve, or a network the container is not attached to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run the request from inside the gateway container (below). Then open the firewall from the gateway&apos;s host to {model_host}:{model_port}, or give the container the DNS or network it needs (docker run --network / --add-host).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{model_host} has no domain and does not resolve here: probably a name only the container network knows (a Docker service name). It cannot be checked from this desktop.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check it from inside the gateway container instead (below).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The name {model_host} does not resolve from this desktop.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the model endpoint ({model_endpoint}) for a typo; use a name both this desktop and the gateway container can resolve.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nothing accepts connections at {model_host}:{model_port}: the model server is not running, or listens elsewhere.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start the model server and check the port in {model_endpoint}. It must listen on an address the gateway can reach: vLLM --host 0.0.0.0, Ollama OLLAMA_HOST=0.0.0.0 (it binds 127.0.0.1 by default).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No answer from {model_host}:{model_port} within {timeout} s: a firewall drops the traffic, or the server is stuck.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the firewall in front of the model server and that the server is up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The TLS handshake with the model server failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check http:// versus https:// in {model_endpoint}; for a private CA, give the gateway SSL_CERT_FILE and REQUESTS_CA_BUNDLE.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{models_url} is not found while {corrected_endpoint}/models answers: the endpoint lacks /v1, so every request the gateway makes gets a 404.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use the endpoint {corrected_endpoint}, here and in GitLab (Admin &gt; GitLab Duo &gt; Self-hosted models &gt; {deployment_name} &gt; Endpoint).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No OpenAI-compatible API at {model_endpoint}: {models_url} answered HTTP {http_status}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use the server&apos;s OpenAI-compatible base URL, usually ending in /v1 (vLLM http://host:8000/v1, Ollama http://host:11434/v1, LiteLLM http://host:4000).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The model server needs an API key and none was sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give the key in the environment variable named by --model-key-env, and set the same key on GitLab&apos;s self-hosted model {deployment_name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The model server rejected the API key (HTTP {http_status}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use the key the server was started with (vLLM --api-key, a LiteLLM master or virtual key), here and on GitLab&apos;s self-hosted model {deployment_name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The identifier {model_identifier} lacks the custom_openai/ prefix that tells the gateway to speak the OpenAI protocol to this server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set the identifier to {suggested_identifier}, here and in GitLab (Admin &gt; GitLab Duo &gt; Self-hosted models &gt; {deployment_name} &gt; Model identifier).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server does not serve {served_model_id}; it serves: {served_models}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set the identifier to {suggested_identifier} (custom_openai/ followed by an id the server lists), here and in GitLab&apos;s self-hosted model {deployment_name}; or serve the model under that name (vLLM --served-model-name {served_model_id:sh}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The model did not return a single token within {inference_timeout} s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A model this slow also exceeds GitLab&apos;s AI gateway timeout (60 s by default): raise it (Admin &gt; GitLab Duo &gt; AI gateway request timeout, 60–600 s, GitLab 18.7 and later), or use a smaller or faster model and more GPU.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The model&apos;s context window is too small: &quot;{message}&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start vLLM with a larger --max-model-len, or use a model with a longer context.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server does not serve {served_model_id}: &quot;{message}&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set the identifier to custom_openai/ followed by an id from {models_url}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>duo::app::Cli</name>
    <message>
        <location filename="../app/cliarguments.cpp" line="+50"/>
        <source>--%1: expected a number of seconds between 0 and 3600, got &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>--format: expected text or json, got &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>--report %1: the file name must end in .json, .html, .md or .txt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Output on stdout: text (a tree) or json (the duo-doctor.report.v1 object).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Also write the report to FILE (.json, .html, .md or .txt). Repeatable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Runs every check of &quot;Troubleshooting GitLab Duo Self-Hosted Models&quot; without a display.
Exit codes: 0 no check failed, 1 a check failed, 2 bad input, 3 internal error.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+87"/>
        <source>Show this help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-85"/>
        <source>GitLab&apos;s external URL, e.g. https://gitlab.example.com.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name of the environment variable holding a GitLab personal access token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The AI gateway&apos;s URL, e.g. http://aigw.example.com:5052.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The model family GitLab knows: mistral, codestral, llama3, codegemma, general…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The model server&apos;s OpenAI-compatible base URL, e.g. http://vllm.example.com:8000/v1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The identifier, e.g. custom_openai/mistralai/Mistral-7B-Instruct-v0.3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>GitLab&apos;s name for the self-hosted model (default: the model name).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name of the environment variable holding the model server&apos;s API key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deadline per request in seconds (default 10).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deadline for requests that make the model generate (default 60, GitLab&apos;s default).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Largest answer accepted from a server (default 1048576).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connect to ADDRESS when a URL names HOST:PORT, like curl --resolve. Repeatable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Output of manual step ID (e.g. manual.rake_verify) saved in FILE. Repeatable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Unexpected argument &quot;%1&quot;; secrets are read from environment variables, see --help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>--%1: the environment variable %2 is not set or empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>--model-name: required with --model-endpoint (the family GitLab knows, e.g. mistral).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>--max-response-bytes: expected a number of bytes of at least 1024.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>--resolve %1: expected HOST:PORT:ADDRESS, e.g. llm.internal:8000:10.0.0.5.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>--manual-output %1: expected ID=FILE with ID a manual step such as manual.rake_verify.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>--manual-output %1: cannot read %2: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Starts a simulated GitLab, AI gateway and model server on 127.0.0.1 and diagnoses them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Print the diagnosis even when a display is available.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>List the scenarios.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What to break (default: healthy). See --list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>demo takes one scenario, got %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/headlessrun.cpp" line="+26"/>
        <source>--report %1: cannot write: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>duo::app::Main</name>
    <message>
        <location filename="../app/main.cpp" line="+38"/>
        <source>Usage: duo-doctor [check|demo] [options]

Troubleshoots GitLab Duo with self-hosted models: GitLab -&gt; AI gateway -&gt; model server.

  duo-doctor                 open the wizard
  duo-doctor check [options] run every check headless (see duo-doctor check --help)
  duo-doctor demo [SCENARIO] diagnose a simulated stack (see duo-doctor demo --help)
  duo-doctor --version       print the version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+50"/>
        <source>demo: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Simulated stack &quot;%1&quot; on 127.0.0.1. Checking it as an admin would…
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Duo Doctor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+34"/>
        <source>unknown command &quot;%1&quot;.
%2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>duo::ui::PlaceholderWindow</name>
    <message>
        <location filename="../ui/placeholderwindow.cpp" line="+9"/>
        <source>Duo Doctor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The wizard is on its way. Run &quot;duo-doctor check --help&quot; for the headless checks.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
