// `from 'element-plus'` resolves to this file in the renderer build (alias in
// electron.vite.config.ts): the package's own index re-exports every component, and would pull
// the whole library into the first chunk. Components come per use from unplugin-vue-components;
// only these services are called from code, so they (and their CSS) are all it offers.
import 'element-plus/es/components/message/style/css'
import 'element-plus/es/components/message-box/style/css'
import 'element-plus/es/components/notification/style/css'

export { ElMessage } from 'element-plus/es/components/message/index.mjs'
export { ElMessageBox } from 'element-plus/es/components/message-box/index.mjs'
export { ElNotification } from 'element-plus/es/components/notification/index.mjs'
