import { analyseAFileAndWaitAction } from './analyse-a-file-and-wait.action.js';
import { analyseAFileAction } from './analyse-a-file.action.js';
import { deprecatedRetrieveAnalysisAction, deprecatedSearchAnalysisAction } from './deprecated-results.action.js';
import { deprecatedSubmitFileAction } from './deprecated-submit.action.js';
import { exportAnalysisResultAction } from './export-analysis-result.action.js';
import { getProfileStatusAction } from './get-profile-status.action.js';
import { glimps } from './module.js';
import { retrieveAnalysisAction } from './retrieve-analysis.action.js';
import { searchAnalysisAction } from './search-analysis.action.js';

export default glimps.plugin({
  actions: [
    analyseAFileAction,
    analyseAFileAndWaitAction,
    retrieveAnalysisAction,
    searchAnalysisAction,
    exportAnalysisResultAction,
    getProfileStatusAction,
    deprecatedRetrieveAnalysisAction,
    deprecatedSearchAnalysisAction,
    deprecatedSubmitFileAction,
  ],
});
