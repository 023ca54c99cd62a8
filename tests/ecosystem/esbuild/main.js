import { AdultWorkClient, AdultWorkError, canCancel, cancelMadeBooking, isAdultWorkError } from "adultwork-sdk";
import { runPage } from "../shared/page.js";

runPage({ AdultWorkClient, AdultWorkError, canCancel, cancelMadeBooking, isAdultWorkError });
