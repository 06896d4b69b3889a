// The site's NHS.UK frontend script: only the components whose data-module the templates use.
// esbuild bundles this (with nhsuk-frontend's shared code, nothing else) into
// static/nhsuk/nhsuk.min.js, loaded as a module: deferred, never render-blocking.
import {
  Button,
  Checkboxes,
  ErrorSummary,
  Header,
  NotificationBanner,
  Radios,
  SkipLink,
  createAll
} from 'nhsuk-frontend'

// NHS.UK's page template marks supporting browsers from an inline script; our CSP allows none,
// and a module script runs only in browsers that support modules, which is the same test.
document.body.classList.add('nhsuk-frontend-supported')

for (const Component of [Button, Checkboxes, ErrorSummary, Header, NotificationBanner, Radios, SkipLink]) {
  createAll(Component)
}
