import { mount } from 'svelte';
import App from './app/App.svelte';
import './app/styles.css';

// Mounted in a task of its own: evaluating the page's script and building the page are
// then two main-thread tasks instead of one long one (the first load's only long task).
setTimeout(() => mount(App, { target: document.getElementById('app')! }), 0);
