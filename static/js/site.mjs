// NHS.UK frontend behaviour (header menu, skip link, error summary focus, details) for every page.
import { initAll } from '../vendor/nhsuk-frontend/nhsuk-frontend.min.js';

initAll();
