global using CaseManager.Application.Common.Exceptions;
global using CaseManager.Infrastructure.Data;
global using CaseManager.Application.Common.Interfaces;
global using Microsoft.EntityFrameworkCore;
