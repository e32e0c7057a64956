/** Statements as documents: the platform's statement laid out as a PDF on this computer. Toolkit-free. */
package com.royaltydesk.app.statements;
