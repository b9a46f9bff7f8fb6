// Pages without an application: only the header, languages and footer.
import { startPage } from './chrome.js';

startPage();
