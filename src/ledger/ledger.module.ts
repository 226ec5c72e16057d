import { Global, Module, type DynamicModule } from '@nestjs/common';
import { LEDGER_CONFIG } from '../config/ledger-config';
import { AccessTokens } from '../identity/access-token';
import { tokenSecret } from '../identity/token-secret';
import { LEDGER, type Ledger } from './ledger';

/** Makes one opened ledger, its settings and its token keys available to every module. */
@Global()
@Module({})
export class LedgerModule {
  static forLedger(ledger: Ledger): DynamicModule {
    return {
      module: LedgerModule,
      providers: [
        { provide: LEDGER, useValue: ledger },
        { provide: LEDGER_CONFIG, useValue: ledger.config },
        {
          provide: AccessTokens,
          useValue: new AccessTokens(
            tokenSecret(ledger.config.dataDir, ledger.config.jwtSecret),
            ledger.config.tokenTtlSeconds,
          ),
        },
      ],
      exports: [LEDGER, LEDGER_CONFIG, AccessTokens],
    };
  }
}
