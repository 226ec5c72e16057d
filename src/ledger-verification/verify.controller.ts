import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../identity/roles.decorator';
import { LEDGER, type Ledger } from '../ledger/ledger';
import { verifyLog, type VerifyReport } from '../ledger/verify-log';

@ApiTags('supervision')
@ApiBearerAuth()
@Controller('api/ledger')
export class VerifyController {
  constructor(@Inject(LEDGER) private readonly ledger: Ledger) {}

  @Get('verify')
  @Roles('supervisor', 'admin')
  @ApiOperation({ summary: 'Recheck the whole log; names the first position that is not as written' })
  verify(): Promise<VerifyReport> {
    return verifyLog(this.ledger.store);
  }
}
