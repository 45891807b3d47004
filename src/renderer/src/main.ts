import { createApp } from 'vue'
import { createPinia } from 'pinia'
import './styles/app.css'
import App from './App.vue'
import { i18n } from './i18n'
import { router } from './router'
import { rememberInitialState } from './shared/store-reset'

const pinia = createPinia()
pinia.use(rememberInitialState)

createApp(App).use(pinia).use(router).use(i18n).mount('#app')
