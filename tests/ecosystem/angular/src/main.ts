// An Angular 21 app (standalone, zoneless: Angular 21's default) that imports adultwork-sdk
// statically, as an app's service would, and runs the shared scenario once the root component
// has rendered (tests/ecosystem/shared/page.js; `?case=load-failure` where the .wasm is missing).
import { Component, afterNextRender } from "@angular/core";
import { bootstrapApplication } from "@angular/platform-browser";
import * as sdk from "adultwork-sdk";
import { runPage } from "../../shared/page.js";

@Component({
  selector: "app-root",
  template: `<h1>adultwork-sdk in Angular</h1>`,
})
class App {
  constructor() {
    afterNextRender(() => void runPage(sdk));
  }
}

bootstrapApplication(App).catch((e: unknown) => console.error(e));
