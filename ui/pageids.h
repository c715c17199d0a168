#pragma once

namespace duo::ui {

enum PageId { StartPageId, GitLabPageId, GatewayPageId, ModelPageId, RunPageId, DiagnosisPageId };

} // namespace duo::ui
